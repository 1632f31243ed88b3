package companion.course.guidance;

/**
 * One hint as a learner reads it, in the CLI ({@code companion hint}) and on the dashboard alike.
 *
 * @param criterion the criterion it helps with
 * @param milestone the criterion's milestone, 1..5
 * @param level     1..4
 * @param levels    how many levels the ladder has (4)
 * @param kind      concept, pointer, diagnosis or sketch
 * @param text      the hint
 * @param lesson    the lesson section it points at (the heading), or null
 * @param rule      the id of the rule that chose the diagnosis, or null (a ladder's own text, or levels 1, 2, 4)
 */
public record Hint(String criterion, int milestone, int level, int levels, String kind, String text, String lesson,
                   String rule) {

    /** {@code put-and-get · hint 1 of 4 (concept)}: the heading the CLI prints. */
    public String heading() {
        return criterion + " · hint " + level + " of " + levels + " (" + kind + ")";
    }
}
