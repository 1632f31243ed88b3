package companion.course.criteria;

import java.util.Optional;

/**
 * A criterion failed, told in the learner's terms: what the criterion did, what it expected, what came back.
 * Thrown from a criterion method; the runner reads the parts back for the table and the JSON.
 *
 * <p>An {@link AssertionError}, because that is what a failed check is to JUnit.
 */
public final class CriterionFailure extends AssertionError {
    private static final long serialVersionUID = 1L;

    private final String did;
    private final String expected;
    private final String got;
    private final String note;
    private final String todo;

    /**
     * @param did      the operations performed, e.g. {@code put("a", "1"), close(), open the same file, get("a")}
     * @param expected what a correct store returns or does
     * @param got      what this one returned or did
     * @param note     an optional line of explanation (a likely cause), or null
     */
    public CriterionFailure(String did, String expected, String got, String note) {
        this(did, expected, got, note, null);
    }

    /**
     * @param todo the starter TODO the code under test reached (see {@link Frames#todo}), or null: such a failure
     *             means "not written yet" rather than "wrong"
     */
    public CriterionFailure(String did, String expected, String got, String note, String todo) {
        super(render(did, expected, got, note));
        this.did = did;
        this.expected = expected;
        this.got = got;
        this.note = note;
        this.todo = todo;
    }

    /** The starter TODO the code under test reached, when that is why it failed. */
    public Optional<String> todo() {
        return Optional.ofNullable(todo);
    }

    public String did() {
        return did;
    }

    public String expected() {
        return expected;
    }

    public String got() {
        return got;
    }

    /** A line of explanation: what usually causes this. */
    public Optional<String> note() {
        return Optional.ofNullable(note);
    }

    private static String render(String did, String expected, String got, String note) {
        StringBuilder text = new StringBuilder();
        text.append("did:      ").append(did).append('\n');
        text.append("expected: ").append(expected).append('\n');
        text.append("got:      ").append(got);
        if (note != null) {
            text.append('\n').append("note:     ").append(note);
        }
        return text.toString();
    }
}
