package companion.course.runner;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How one criterion went: the JSON document DESIGN.md fixes ({@code id}, {@code milestone}, {@code status},
 * {@code message}, {@code millis}), plus the parts of a failure for the table and the dashboard.
 *
 * @param id        the criterion id, e.g. {@code persistence-reload}
 * @param milestone 1..5
 * @param title     the catalog's title
 * @param status    passed, failed, error or timeout
 * @param message   the whole explanation as text; empty when passed
 * @param millis    how long it ran
 * @param did       what the criterion did, or null
 * @param expected  what it expected, or null
 * @param got       what came back, or null
 * @param note      a likely cause, or null
 * @param seed      the seed the criterion ran with
 * @param output    what the code under test printed while it ran (shortened), or null when nothing
 * @param todo      the starter TODO the code under test reached, when that is why it failed, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CriterionResult(String id, int milestone, String title, Status status, String message, long millis,
                              String did, String expected, String got, String note, long seed, String output,
                              String todo) {

    /** A result that is not from a criterion's own checks (the child died, a timeout): only a message. */
    public static CriterionResult of(String id, int milestone, String title, Status status, String message,
                                     long millis, long seed) {
        return new CriterionResult(id, milestone, title, status, message, millis, null, null, null, null, seed, null,
                null);
    }

    /** The same result with what the code under test printed (null: nothing). */
    public CriterionResult withOutput(String printed) {
        return new CriterionResult(id, milestone, title, status, message, millis, did, expected, got, note, seed,
                printed, todo);
    }

    public boolean passed() {
        return status == Status.PASSED;
    }

    /** The command that runs this criterion again with the same seed. */
    public String repro() {
        return "companion test --only " + id + " --seed " + seed;
    }
}
