package companion.course.linearizability;

import static companion.course.linearizability.Operation.get;
import static companion.course.linearizability.Operation.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import companion.course.linearizability.CheckResult.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A violation buried in a long history must come back as the few operations that prove it. */
class WitnessShrinkingTest {

    /**
     * 200 rounds on key "k", each a put by one of four threads followed by a get that sees it. In round 150, a fifth
     * thread reads the value written in round 100: stale, since rounds 101 to 150 have overwritten it since.
     */
    private static List<Operation> staleReadBuriedInNoise() {
        List<Operation> history = new ArrayList<>();
        for (int round = 0; round < 200; round++) {
            long start = round * 100L;
            history.add(put(round % 4, start, start + 40, "k", "v" + round));
            history.add(get((round + 1) % 4, start + 50, start + 90, "k", "v" + round));
        }
        history.add(get(4, 150 * 100 + 91, 150 * 100 + 99, "k", "v100"));
        return history;
    }

    @Test
    void shrinksStaleReadBuriedInFourHundredOperationsToThreeOperations() {
        List<Operation> history = staleReadBuriedInNoise();

        CheckResult result = new LinearizabilityChecker().check(history);

        assertEquals(Outcome.VIOLATION, result.outcome());
        List<Operation> witness = result.witness();
        assertEquals(3, witness.size(), result::explain);
        assertEquals(put(0, 100 * 100, 100 * 100 + 40, "k", "v100"), witness.get(0));
        assertEquals(Operation.Kind.PUT, witness.get(1).kind());
        assertSame(history.get(history.size() - 1), witness.get(2));
    }

    @Test
    void witnessIsMadeOfTheRecordedOperationsWithTheirRecordedTimes() {
        List<Operation> history = staleReadBuriedInNoise();

        List<Operation> witness = new LinearizabilityChecker().check(history).witness();

        for (Operation op : witness) {
            assertTrue(history.stream().anyMatch(recorded -> recorded == op), () -> "not recorded: " + op);
        }
    }

    @Test
    void witnessIsAViolationOnItsOwnAndCannotShrinkFurther() {
        List<Operation> witness = new LinearizabilityChecker().check(staleReadBuriedInNoise()).witness();

        CheckResult again = new LinearizabilityChecker().check(witness);

        assertEquals(Outcome.VIOLATION, again.outcome());
        assertEquals(witness, again.witness());
    }

    @Test
    void neverDropsTheWriteAStaleReadSaw() {
        // Dropping put("k", "a") would leave a read of a value "nobody wrote": a smaller violation, but a false one.
        CheckResult result = new LinearizabilityChecker().check(List.of(
                put(1, 0, 10, "k", "a"),
                get(2, 12, 18, "k", "a"),
                put(1, 20, 30, "k", "b"),
                get(3, 40, 50, "k", "a")));

        List<Operation> witness = result.witness();
        assertEquals(3, witness.size(), result::explain);
        assertEquals(put(1, 0, 10, "k", "a"), witness.get(0));
    }

    @Test
    void shrinksFiftyOverlappingPutsToTheOneThatWasRead() {
        List<Operation> history = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            history.add(put(i % 6, i * 10L, i * 10L + 25, "k", "noise" + i));
        }
        history.add(put(7, 1000, 1010, "k", "mine"));
        history.add(get(7, 1020, 1030, "k", "noise3"));

        CheckResult result = new LinearizabilityChecker().check(history);

        // put("k", "noise3") stays: it is what the get saw. The other 49 noise puts go.
        assertEquals(3, result.witness().size(), result::explain);
        assertEquals(2, result.witness().stream().mapToInt(Operation::threadId).distinct().count());
    }

    @Test
    void keepsTheInitialValueInMindWhileShrinking() {
        CheckResult result = new LinearizabilityChecker(Map.of("k", "seed"), 1_000).check(List.of(
                get(1, 0, 10, "k", "seed"),
                put(2, 20, 30, "k", "a"),
                get(3, 40, 50, "k", "seed")));

        assertEquals(2, result.witness().size(), result::explain);
        assertTrue(result.explain().contains("before these operations the key held \"seed\""), result::explain);
    }
}
