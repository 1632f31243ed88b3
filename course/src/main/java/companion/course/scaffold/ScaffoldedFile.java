package companion.course.scaffold;

/**
 * One reference file turned into starter code.
 *
 * @param path           relative to {@code src/main/java}, e.g. {@code companion/database/kv/KVStore.java}
 * @param text           the starter's source text
 * @param referenceLines code lines of the reference file (markers and defaults excluded)
 * @param learnerLines   of those, the lines inside regions the learner writes
 */
public record ScaffoldedFile(String path, String text, int referenceLines, int learnerLines) {
    /** Code lines the starter gives away. */
    public int givenLines() {
        return referenceLines - learnerLines;
    }
}
