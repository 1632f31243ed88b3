package companion.course.linearizability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The size the {@code concurrent-access} criterion uses: 8 threads x 1,000 operations over 16 keys. There is
 * deliberately no assertion on time (that would fail on a slow CI machine); a search that blew up would show as
 * UNKNOWN, or as a test that never ends and is stopped by surefire.
 */
class CheckerScaleTest {

    @Test
    void judgesEightThousandOperationsFromACorrectStoreLinearizable() {
        List<Operation> history = Workload.random(new MapBackedStore(), 8, 1_000, 16, 42);

        CheckResult result = new LinearizabilityChecker().check(history);

        assertEquals(CheckResult.Outcome.OK, result.outcome(), result::explain);
        assertEquals(8_000, history.size());
    }
}
