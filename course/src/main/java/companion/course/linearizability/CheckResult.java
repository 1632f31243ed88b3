package companion.course.linearizability;

import companion.course.criteria.Quote;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The verdict of {@link LinearizabilityChecker} on one history, with what a learner needs to act on it.
 *
 * <ul>
 *   <li>{@link Outcome#OK}: every key's operations can be ordered so that a plain map would have answered the same.
 *   <li>{@link Outcome#VIOLATION}: some key's operations cannot; {@link #key()} names it and {@link #witness()} holds
 *       a minimal set of its recorded operations that no order explains.
 *   <li>{@link Outcome#UNKNOWN}: no violation was found, but the search for {@link #key()} ran out of its budget.
 *       This is not a pass: too many operations overlapped for the checker to decide.
 * </ul>
 *
 * <p>{@link #explain()} is the text to show a learner. The three outcomes are Porcupine's {@code Ok}, {@code Illegal}
 * and {@code Unknown}; but where Porcupine draws an interactive timeline of the longest partial linearizations, we
 * print only the shrunk witness, because three lines are easier to reason about than a timeline of thousands.
 */
public final class CheckResult {

    /** What the checker could establish. */
    public enum Outcome { OK, VIOLATION, UNKNOWN }

    private final Outcome outcome;
    private final String key;
    private final String initialValue;
    private final List<Operation> witness;
    private final int operationCount;
    private final int keyCount;
    private final long stateBudget;

    private CheckResult(Outcome outcome, String key, String initialValue, List<Operation> witness,
                        int operationCount, int keyCount, long stateBudget) {
        this.outcome = outcome;
        this.key = key;
        this.initialValue = initialValue;
        this.witness = List.copyOf(witness);
        this.operationCount = operationCount;
        this.keyCount = keyCount;
        this.stateBudget = stateBudget;
    }

    static CheckResult ok(int operationCount, int keyCount) {
        return new CheckResult(Outcome.OK, null, null, List.of(), operationCount, keyCount, 0);
    }

    /**
     * @param initialValue the key's value before the history, {@code null} for missing
     * @param witness      the shrunk operations, sorted by call time
     */
    static CheckResult violation(String key, String initialValue, List<Operation> witness) {
        if (witness.isEmpty()) {
            throw new IllegalArgumentException("a violation needs a witness, key " + Quote.of(key));
        }
        return new CheckResult(Outcome.VIOLATION, key, initialValue, witness, witness.size(), 1, 0);
    }

    static CheckResult unknown(String key, int operationCount, long stateBudget) {
        return new CheckResult(Outcome.UNKNOWN, key, null, List.of(), operationCount, 1, stateBudget);
    }

    /** OK, VIOLATION or UNKNOWN. */
    public Outcome outcome() {
        return outcome;
    }

    /** True only for {@link Outcome#OK}; {@link Outcome#UNKNOWN} is not a pass. */
    public boolean isLinearizable() {
        return outcome == Outcome.OK;
    }

    /** The key that is violated or could not be decided; empty for {@link Outcome#OK}. */
    public Optional<String> key() {
        return Optional.ofNullable(key);
    }

    /**
     * For a violation, the recorded operations on {@link #key()} that together admit no valid order, sorted by call
     * time, and none of which could be left out; empty otherwise.
     */
    public List<Operation> witness() {
        return witness;
    }

    /** A few lines for a learner: what was checked, and for a violation, the witness with its timing. */
    public String explain() {
        return switch (outcome) {
            case OK -> String.format(Locale.ROOT,
                    "linearizable: for every key, some order of its operations explains what the threads saw"
                            + " (%,d operations on %,d keys)", operationCount, keyCount);
            case VIOLATION -> WitnessExplanation.of(key, initialValue, witness);
            case UNKNOWN -> String.format(Locale.ROOT,
                    "undecided: key %s has %,d operations overlapping so much that the search gave up after %,d"
                            + " state%s; no other key showed a violation", Quote.of(key), operationCount,
                    stateBudget, stateBudget == 1 ? "" : "s");
        };
    }

    /** The first line of {@link #explain()}. */
    @Override
    public String toString() {
        String text = explain();
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
