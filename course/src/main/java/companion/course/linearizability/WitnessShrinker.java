package companion.course.linearizability;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Cuts a non-linearizable history of one key down to a few operations that are still non-linearizable on their own,
 * so the learner reads 3 lines instead of 250. This is delta debugging (Zeller's ddmin): try to drop a chunk of
 * operations, keep the drop if the rest is still a violation, and halve the chunk size when nothing more can go,
 * down to single operations, until no single operation can be dropped.
 *
 * <p>Dropping must keep the witness <em>honest</em>: a witness only proves something if the full history could not
 * be linearizable whenever the witness is not. Dropping a GET is always honest (a valid order minus a read is still
 * valid). Dropping a PUT or DELETE is not: a read of "v9" with its {@code put("k", "v9")} dropped looks like a read of
 * a value nobody wrote, a violation the real history never had. So a write may only go together with every remaining
 * GET that could have read it: one returning its value (for a PUT) or "not found" (for a DELETE). Then no remaining
 * read depended on the dropped writes, and the order that would have explained the full history, restricted to what
 * is left, still explains the witness.
 *
 * <p>Operations are only ever removed, never changed or invented, so the witness keeps the recorded times.
 */
final class WitnessShrinker {

    private final String initial;
    private final long stateBudget;

    /**
     * @param initial     the key's value before any operation, {@code null} for missing
     * @param stateBudget the search budget for each re-check; a check that runs out counts as "not a violation"
     */
    WitnessShrinker(String initial, long stateBudget) {
        this.initial = initial;
        this.stateBudget = stateBudget;
    }

    /** A 1-minimal non-linearizable sub-list of {@code violation}, which must itself be non-linearizable. */
    List<Operation> shrink(List<Operation> violation) {
        List<Operation> current = new ArrayList<>(violation);
        int chunk = Math.max(1, current.size() / 2);
        while (true) {
            boolean dropped = false;
            int start = 0;
            while (start < current.size()) {
                List<Operation> candidate = without(current, start, Math.min(current.size(), start + chunk));
                if (candidate.size() < current.size() && isViolation(candidate)) {
                    current = candidate;
                    dropped = true;
                    // The chunk that now starts at `start` is new: try it before moving on.
                } else {
                    start += chunk;
                }
            }
            if (chunk > 1) {
                chunk = Math.max(1, Math.min(chunk / 2, current.size() / 2));
            } else if (!dropped) {
                return current;
            }
        }
    }

    private boolean isViolation(List<Operation> ops) {
        return RegisterSearch.run(ops, initial, stateBudget) == RegisterSearch.Verdict.NOT_LINEARIZABLE;
    }

    /**
     * {@code ops} minus positions {@code [from, to)} and minus every other GET that might have read a write in
     * that range, so that the drop stays honest (see the class description).
     */
    private static List<Operation> without(List<Operation> ops, int from, int to) {
        Set<String> droppedValues = new HashSet<>();
        boolean droppedDelete = false;
        for (Operation op : ops.subList(from, to)) {
            switch (op.kind()) {
                case PUT -> droppedValues.add(op.value());
                case DELETE -> droppedDelete = true;
                case GET -> { }
            }
        }
        List<Operation> rest = new ArrayList<>(ops.size());
        for (int i = 0; i < ops.size(); i++) {
            Operation op = ops.get(i);
            boolean inRange = i >= from && i < to;
            if (!inRange && !couldHaveRead(op, droppedValues, droppedDelete)) {
                rest.add(op);
            }
        }
        return rest;
    }

    private static boolean couldHaveRead(Operation op, Set<String> droppedValues, boolean droppedDelete) {
        if (op.kind() != Operation.Kind.GET || !op.completed()) {
            return false;
        }
        return op.result() == null ? droppedDelete : droppedValues.contains(op.result());
    }
}
