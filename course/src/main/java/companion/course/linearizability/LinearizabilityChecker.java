package companion.course.linearizability;

import companion.course.criteria.Quote;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Decides whether a recorded history of a key-value store is <em>linearizable</em>: whether there is one order of
 * all its operations that (a) a plain, single-threaded map would answer exactly as the store did, and (b) never puts
 * an operation before one that had returned before it was called.
 *
 * <h2>Algorithm</h2>
 * <ol>
 *   <li><b>Partition by key.</b> Each key of a map is an independent register, and linearizability is compositional
 *       (Herlihy &amp; Wing): the history is linearizable iff each key's sub-history is. Checking 16 keys of 500
 *       operations each is far cheaper than one search over 8,000.
 *   <li><b>Search each key</b> with Wing &amp; Gong's backtracking and Lowe's memoization ({@code RegisterSearch}): try
 *       to build the order one operation at a time, undo a choice when it leads nowhere, and never explore the
 *       same (set of operations placed, register value) twice. A budget of distinct states makes a pathological
 *       history yield {@link CheckResult.Outcome#UNKNOWN} instead of running for hours.
 *   <li><b>Shrink</b> the first violating key's operations to a minimal witness by delta debugging
 *       ({@code WitnessShrinker}).
 * </ol>
 *
 * <h2>Compared with Porcupine</h2>
 * Simpler: Porcupine takes any model as a parameter, checks partitions in parallel, and bounds the search by
 * wall-clock time. Here the model is fixed to a string register, keys are checked one after another in key order,
 * and the bound is a state count, so the result depends neither on thread scheduling nor on the machine's speed.
 * Porcupine reports the longest partial linearizations; we shrink to a minimal witness instead. Added: because the
 * model is known, the search takes some steps without branching and prunes hopeless ones (see
 * {@code RegisterSearch}); Porcupine cannot, for an arbitrary model. Pending operations (ones that threw) may take
 * effect at any point after their call, or never, as in Knossos.
 */
public final class LinearizabilityChecker {

    /**
     * The default per-key budget. A linearizable history usually needs about one state per operation (the 8 x 1,000
     * operation workload of {@code concurrent-access} never needed more than two), so this leaves a wide margin while
     * bounding memory: a state costs about 100 bytes plus one bit per operation on the key.
     */
    public static final long DEFAULT_STATE_BUDGET = 200_000;

    private final Map<String, String> initialState;
    private final long stateBudget;

    /** A checker for stores that start empty, with {@link #DEFAULT_STATE_BUDGET}. */
    public LinearizabilityChecker() {
        this(Map.of(), DEFAULT_STATE_BUDGET);
    }

    /**
     * @param initialState what the store held before the history began; keys not in it start missing
     * @param stateBudget  how many distinct search states one key may use before the result is
     *                     {@link CheckResult.Outcome#UNKNOWN}; at least 1
     */
    public LinearizabilityChecker(Map<String, String> initialState, long stateBudget) {
        Objects.requireNonNull(initialState, "initialState");
        initialState.forEach((key, value) -> {
            if (key == null || value == null) {
                throw new NullPointerException("initialState maps " + Quote.of(key) + " to "
                        + Quote.of(value) + "; keys and values must not be null");
            }
        });
        if (stateBudget < 1) {
            throw new IllegalArgumentException("stateBudget must be >= 1, was " + stateBudget);
        }
        this.initialState = Map.copyOf(initialState);
        this.stateBudget = stateBudget;
    }

    /**
     * Checks {@code history} (in any order) and, on a violation, shrinks it to a minimal witness. Keys are checked
     * in their natural order; the first violating key is reported, and otherwise the first undecided one.
     */
    public CheckResult check(List<Operation> history) {
        Objects.requireNonNull(history, "history");
        SortedMap<String, List<Operation>> byKey = partitionByKey(history);
        String undecidedKey = null;
        for (Map.Entry<String, List<Operation>> entry : byKey.entrySet()) {
            String key = entry.getKey();
            List<Operation> ops = entry.getValue();
            String initial = initialState.get(key);
            switch (RegisterSearch.run(ops, initial, stateBudget)) {
                case LINEARIZABLE -> { }
                case NOT_LINEARIZABLE -> {
                    List<Operation> witness = new WitnessShrinker(initial, stateBudget).shrink(ops);
                    return CheckResult.violation(key, initial, witness);
                }
                case BUDGET_EXHAUSTED -> {
                    if (undecidedKey == null) {
                        undecidedKey = key;
                    }
                }
            }
        }
        if (undecidedKey != null) {
            return CheckResult.unknown(undecidedKey, byKey.get(undecidedKey).size(), stateBudget);
        }
        return CheckResult.ok(history.size(), byKey.size());
    }

    /**
     * Each key's operations, sorted by call time. Pending GETs are left out: they changed nothing and nobody saw
     * their result, so any history is linearizable with them iff it is without them.
     */
    private static SortedMap<String, List<Operation>> partitionByKey(List<Operation> history) {
        SortedMap<String, List<Operation>> byKey = new TreeMap<>();
        for (int i = 0; i < history.size(); i++) {
            Operation op = history.get(i);
            if (op == null) {
                throw new NullPointerException("history[" + i + "] is null");
            }
            List<Operation> ops = byKey.computeIfAbsent(op.key(), k -> new ArrayList<>());
            if (op.completed() || op.kind() != Operation.Kind.GET) {
                ops.add(op);
            }
        }
        for (List<Operation> ops : byKey.values()) {
            ops.sort(Comparator.comparingLong(Operation::callNanos).thenComparingInt(Operation::threadId));
        }
        return byKey;
    }
}
