package companion.course.linearizability;

import companion.course.linearizability.EventList.Event;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides whether the operations on <em>one</em> key can be put in an order that a single register (a variable
 * holding a string or nothing) would produce, while respecting real time. This is Wing &amp; Gong's backtracking
 * search with Lowe's memoization, as in Porcupine's {@code checkSingle}.
 *
 * <p>The search walks the {@link EventList} from the front. At a call it tries to <em>linearize</em> that operation
 * now: apply it to the register (a GET must see the current value) and unlink its events, then start again from the
 * front. Hitting a return means that operation should already have been linearized, so the latest choice was wrong:
 * undo it and try the next call instead. When every completed operation is linearized, the history is linearizable;
 * when there is nothing left to undo, it is not.
 *
 * <p><b>Memoization.</b> Two paths that linearized the same <em>set</em> of operations and left the register with an
 * equivalent value have the same future, so each (set, value) configuration is explored once; a configuration seen
 * before has already failed. Values are equivalent when no remaining GET reads either of them.
 *
 * <p><b>Forced steps</b> (not in Porcupine). Some operations can be linearized at once without ever trying the
 * alternatives, because if any order works, one starting with them does too. An operation is a candidate only while
 * its call comes before every remaining return, so no remaining operation must precede it. Then:
 * <ul>
 *   <li>a GET that sees the current value can go first: it changes nothing;
 *   <li>if no GET can, a PUT or DELETE whose value no remaining GET reads can go first. Every valid order then
 *       starts with a write (a GET that could start it would have gone by the first rule), and nothing reads this
 *       write's value, so it can move to the front without changing what anyone sees.
 * </ul>
 * And one pruning rule: while a remaining GET still has to see the current value, a write that overwrites it is not
 * tried unless another remaining write could bring the value back. Without these, histories with many overlapping
 * writes on one key can take millions of states.
 */
final class RegisterSearch {

    /** The answer for one key. */
    enum Verdict { LINEARIZABLE, NOT_LINEARIZABLE, BUDGET_EXHAUSTED }

    private record Configuration(BitSet linearized, int value) {
    }

    private enum Step { TAKEN, ALREADY_EXPLORED, OUT_OF_BUDGET }

    // Values are numbered so that a configuration is cheap to compare; 0 is "missing", strings get 1, 2, ...
    private static final int MISSING = 0;
    private static final int ANY = -1;     // what a pending GET read: nothing, so any value will do
    private static final int UNREAD = -2;  // memoization's stand-in for every value no remaining GET reads

    private final List<Operation> ops;
    private final EventList events;
    private final long stateBudget;
    private final int[] valueIds;       // PUT: the value written; DELETE: MISSING; GET: the value read, or ANY
    private final int[] readersLeft;    // per value: completed GETs reading it that are not linearized yet
    private final int[] writersLeft;    // per value: PUTs or DELETEs writing it that are not linearized yet
    private final BitSet linearized;
    private final Set<Configuration> explored = new HashSet<>();
    // The current path: each step's call, the value before it, and whether it was forced (has no alternatives).
    private final Event[] pathCalls;
    private final int[] pathValues;
    private final boolean[] pathForced;
    private int depth;
    private int value;
    private int unlinearizedCompleted;

    private RegisterSearch(List<Operation> ops, String initial, long stateBudget) {
        this.ops = ops;
        this.events = new EventList(ops);
        this.stateBudget = stateBudget;
        int n = ops.size();
        this.valueIds = new int[n];
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Operation op = ops.get(i);
            valueIds[i] = switch (op.kind()) {
                case PUT -> idOf(op.value(), ids);
                case DELETE -> MISSING;
                case GET -> op.completed() ? idOf(op.result(), ids) : ANY;
            };
            if (op.completed()) {
                unlinearizedCompleted++;
            }
        }
        this.value = idOf(initial, ids);
        this.readersLeft = new int[ids.size() + 1];
        this.writersLeft = new int[ids.size() + 1];
        for (int i = 0; i < n; i++) {
            if (isCompletedGet(i)) {
                readersLeft[valueIds[i]]++;
            } else if (ops.get(i).kind() != Operation.Kind.GET) {
                writersLeft[valueIds[i]]++;
            }
        }
        this.linearized = new BitSet(n);
        this.pathCalls = new Event[n];
        this.pathValues = new int[n];
        this.pathForced = new boolean[n];
    }

    /**
     * Searches for a linearization of {@code ops}, which must all be on the same key.
     *
     * @param initial     the register's value before any operation, {@code null} for missing
     * @param stateBudget how many distinct configurations the search may visit before giving up
     */
    static Verdict run(List<Operation> ops, String initial, long stateBudget) {
        return new RegisterSearch(ops, initial, stateBudget).search();
    }

    private Verdict search() {
        boolean fresh = true;   // just arrived at a configuration: look for a forced step before branching
        Event cursor = null;
        // Pending operations need not be linearized: once every completed one is, the rest can go last, where
        // nobody observes them; a pending PUT or DELETE always succeeds and a pending GET has no result to match.
        while (unlinearizedCompleted > 0) {
            if (fresh) {
                Event forced = forcedCall();
                if (forced == null) {
                    fresh = false;
                    cursor = events.first();
                    continue;
                }
                Step step = linearize(forced, true);
                if (step == Step.OUT_OF_BUDGET) {
                    return Verdict.BUDGET_EXHAUSTED;
                }
                if (step == Step.ALREADY_EXPLORED) {
                    fresh = false;
                    cursor = backtrack();
                }
            } else if (cursor == null) {
                return Verdict.NOT_LINEARIZABLE;
            } else if (cursor.isCall) {
                // Only writes are choices: a GET that could go now would have been a forced step.
                if (ops.get(cursor.op).kind() != Operation.Kind.GET && mayOverwrite(cursor.op)) {
                    Step step = linearize(cursor, false);
                    if (step == Step.OUT_OF_BUDGET) {
                        return Verdict.BUDGET_EXHAUSTED;
                    }
                    if (step == Step.TAKEN) {
                        fresh = true;
                        continue;
                    }
                }
                cursor = cursor.next;
            } else {
                cursor = backtrack();
            }
        }
        return Verdict.LINEARIZABLE;
    }

    /** A candidate that can be linearized without trying alternatives (see the class description), or null. */
    private Event forcedCall() {
        Event unreadWrite = null;
        for (Event e = events.first(); e != null && e.isCall; e = e.next) {
            int id = valueIds[e.op];
            if (ops.get(e.op).kind() == Operation.Kind.GET) {
                if (id == ANY || id == value) {
                    return e;
                }
            } else if (unreadWrite == null && readersLeft[id] == 0) {
                unreadWrite = e;
            }
        }
        // Only when no GET can go: then every valid order continues with a write, and this one can go before it.
        return unreadWrite;
    }

    /**
     * Whether write {@code i} may go now. Not if a remaining GET still has to see the current value and no other
     * remaining write could bring that value back: the GET would then have nothing left to read from.
     */
    private boolean mayOverwrite(int i) {
        return readersLeft[value] == 0 || valueIds[i] == value || writersLeft[value] > 0;
    }

    /** Applies {@code call}'s operation to the register, unless that leads to a configuration already explored. */
    private Step linearize(Event call, boolean forced) {
        int i = call.op;
        int after = ops.get(i).kind() == Operation.Kind.GET ? value : valueIds[i];
        count(i, -1);
        linearized.set(i);
        if (explored.contains(new Configuration(linearized, memoValue(after)))) {
            linearized.clear(i);
            count(i, +1);
            return Step.ALREADY_EXPLORED;
        }
        if (explored.size() >= stateBudget) {
            return Step.OUT_OF_BUDGET;
        }
        explored.add(new Configuration((BitSet) linearized.clone(), memoValue(after)));
        pathCalls[depth] = call;
        pathValues[depth] = value;
        pathForced[depth] = forced;
        depth++;
        value = after;
        events.unlink(call);
        if (ops.get(i).completed()) {
            unlinearizedCompleted--;
        }
        return Step.TAKEN;
    }

    /**
     * Undoes steps up to and including the most recent free choice, and returns where to look for an alternative
     * to that choice; null when there is nothing left to undo.
     */
    private Event backtrack() {
        while (depth > 0) {
            depth--;
            Event call = pathCalls[depth];
            int i = call.op;
            value = pathValues[depth];
            linearized.clear(i);
            count(i, +1);
            if (ops.get(i).completed()) {
                unlinearizedCompleted++;
            }
            events.relink(call);
            if (!pathForced[depth]) {
                return call.next;
            }
        }
        return null;
    }

    /** Adjusts the reader or writer count of operation {@code i}'s value as it leaves or re-enters the remainder. */
    private void count(int i, int delta) {
        if (isCompletedGet(i)) {
            readersLeft[valueIds[i]] += delta;
        } else if (ops.get(i).kind() != Operation.Kind.GET) {
            writersLeft[valueIds[i]] += delta;
        }
    }

    private int memoValue(int id) {
        return readersLeft[id] > 0 ? id : UNREAD;
    }

    private boolean isCompletedGet(int i) {
        return ops.get(i).kind() == Operation.Kind.GET && ops.get(i).completed();
    }

    private static int idOf(String s, Map<String, Integer> ids) {
        return s == null ? MISSING : ids.computeIfAbsent(s, k -> ids.size() + 1);
    }
}
