package companion.course.linearizability;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The definition of linearizability, executed literally: try every order of the operations that respects real time,
 * on the whole map at once (no partitioning, no memoization, no pruning), leaving out any pending operation as
 * "never took effect". Exponential, so only for histories of a handful of operations, where it is the reference
 * the real checker is compared with.
 */
final class ExhaustiveOracle {

    private ExhaustiveOracle() {
    }

    static boolean isLinearizable(List<Operation> history, Map<String, String> initial) {
        return extend(new ArrayList<>(history), new HashMap<>(initial));
    }

    private static boolean extend(List<Operation> remaining, Map<String, String> map) {
        if (remaining.stream().noneMatch(Operation::completed)) {
            return true;
        }
        for (int i = 0; i < remaining.size(); i++) {
            Operation candidate = remaining.get(i);
            if (remaining.stream().anyMatch(other -> other.precedes(candidate))) {
                continue;
            }
            String before = map.get(candidate.key());
            boolean legal = switch (candidate.kind()) {
                case PUT -> {
                    map.put(candidate.key(), candidate.value());
                    yield true;
                }
                case DELETE -> {
                    map.remove(candidate.key());
                    yield true;
                }
                case GET -> !candidate.completed() || Objects.equals(before, candidate.result());
            };
            remaining.remove(i);
            boolean found = legal && extend(remaining, map);
            remaining.add(i, candidate);
            if (before == null) {
                map.remove(candidate.key());
            } else {
                map.put(candidate.key(), before);
            }
            if (found) {
                return true;
            }
        }
        return false;
    }
}
