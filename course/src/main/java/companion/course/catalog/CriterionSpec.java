package companion.course.catalog;

/**
 * What the catalog says about one acceptance criterion.
 *
 * @param id             stable kebab-case id, e.g. {@code persistence-reload}; scripts and history rely on it
 * @param title          a short sentence a learner reads in the table
 * @param checks         what the criterion does, in one line
 * @param timeoutSeconds how long it may run before it counts as timed out (an endless loop, a deadlock)
 * @param hint           a first nudge for a learner whose code fails it (a question or a concept, never the answer)
 */
public record CriterionSpec(String id, String title, String checks, int timeoutSeconds, String hint) {
    public CriterionSpec {
        if (!id.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw new IllegalArgumentException("criterion id is not kebab-case: '" + id + "'");
        }
        if (timeoutSeconds <= 0) {
            throw new IllegalArgumentException("criterion " + id + ": timeoutSeconds must be positive: " + timeoutSeconds);
        }
    }
}
