package companion.course.compile;

/**
 * One compiler error, where a learner's editor can jump to it.
 *
 * @param file    path relative to the compiled tree's root, e.g. {@code src/main/java/companion/database/kv/KVStore.java}
 * @param line    1-based line, or 0 when the error has no position
 * @param column  1-based column, or 0
 * @param message the compiler's message (first line)
 */
public record CompileError(String file, long line, long column, String message) {
    /** {@code KVStore.java:41:9: cannot find symbol}. */
    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "") + ": " + message;
    }
}
