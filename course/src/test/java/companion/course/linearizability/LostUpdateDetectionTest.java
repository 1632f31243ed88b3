package companion.course.linearizability;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The checker must catch a real concurrency bug in a bounded run, not only hand-made histories.
 *
 * <p>{@link LostUpdateStore} loses an update when two writers to <em>different</em> keys race: the second to publish
 * its copy of the map drops the first one's change, although that {@code put} has already returned. A later read of
 * the first key then sees the older value: a stale read on that key, which the per-key check must find.
 *
 * <p>Thread scheduling is not under our control, so one run cannot be guaranteed to hit the race. The setup makes it
 * overwhelmingly likely instead: the store yields inside its unprotected read-copy-publish window, 8 threads write to
 * 16 keys, and half of all calls are reads that can notice a lost write. The test allows a few attempts and requires
 * at least one to be caught, so it is deterministic in practice without asserting that a particular interleaving
 * happened.
 */
class LostUpdateDetectionTest {

    private static final int ATTEMPTS = 5;

    @Test
    void catchesLostUpdatesFromACopyOnWriteStoreWithoutALock() {
        List<String> outcomes = new ArrayList<>();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            List<Operation> history = Workload.random(new LostUpdateStore(), 8, 500, 16, attempt);
            CheckResult result = new LinearizabilityChecker().check(history);
            if (result.outcome() == CheckResult.Outcome.VIOLATION) {
                assertTrue(result.witness().size() <= 4, result::explain);
                return;
            }
            outcomes.add(result.toString());
        }
        fail("no violation caught in " + ATTEMPTS + " attempts: " + outcomes);
    }
}
