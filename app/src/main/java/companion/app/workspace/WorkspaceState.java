package companion.app.workspace;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code .companion/state.json}: where the learner is.
 *
 * @param milestone the current milestone, 1..5
 * @param unlocked  milestones unlocked so far, in order
 * @param starter   SHA-256 of each starter file as written, by path relative to the workspace, so that a file the
 *                  learner changed can be told from one they did not
 */
public record WorkspaceState(int milestone, List<Integer> unlocked, Map<String, String> starter) {
    public WorkspaceState {
        if (milestone < 1 || milestone > 5) {
            throw new IllegalArgumentException("state.json: milestone must be 1 to 5, not " + milestone);
        }
        unlocked = List.copyOf(unlocked);
        starter = new TreeMap<>(starter);
    }
}
