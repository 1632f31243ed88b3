package companion.course.linearizability;

import static companion.course.linearizability.Operation.delete;
import static companion.course.linearizability.Operation.get;
import static companion.course.linearizability.Operation.pending;
import static companion.course.linearizability.Operation.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import companion.course.linearizability.CheckResult.Outcome;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Hand-made histories with a known answer. Times are small integers; what matters is only which operations overlap.
 * A GET's result of {@code null} means "not found".
 */
class LinearizabilityCheckerTest {

    private static final String NOT_FOUND = null;

    private final LinearizabilityChecker checker = new LinearizabilityChecker();

    private CheckResult check(Operation... history) {
        return checker.check(Arrays.asList(history));
    }

    @Test
    void acceptsEmptyHistory() {
        assertEquals(Outcome.OK, check().outcome());
    }

    @Test
    void acceptsSequentialHistoryThatAMapWouldProduce() {
        CheckResult result = check(
                get(1, 0, 10, "k", NOT_FOUND),
                put(1, 20, 30, "k", "a"),
                get(2, 40, 50, "k", "a"),
                put(2, 60, 70, "k", "b"),
                get(1, 80, 90, "k", "b"),
                delete(1, 100, 110, "k"),
                get(2, 120, 130, "k", NOT_FOUND),
                delete(2, 140, 150, "k"));

        assertEquals(Outcome.OK, result.outcome(), result::explain);
        assertTrue(result.isLinearizable());
        assertTrue(result.witness().isEmpty());
        assertEquals(Optional.empty(), result.key());
    }

    @Test
    void rejectsSequentialHistoryThatNoMapWouldProduce() {
        CheckResult result = check(
                put(1, 0, 10, "k", "a"),
                put(1, 20, 30, "k", "b"),
                get(1, 40, 50, "k", "a"));

        assertEquals(Outcome.VIOLATION, result.outcome());
        assertFalse(result.isLinearizable());
        assertEquals(Optional.of("k"), result.key());
    }

    @Test
    void acceptsGetOverlappingPutThatSawTheOldValue() {
        assertEquals(Outcome.OK, check(
                put(1, 0, 10, "k", "old"),
                put(1, 20, 40, "k", "new"),
                get(2, 25, 35, "k", "old")).outcome());
    }

    @Test
    void acceptsGetOverlappingPutThatSawTheNewValue() {
        assertEquals(Outcome.OK, check(
                put(1, 0, 10, "k", "old"),
                put(1, 20, 40, "k", "new"),
                get(2, 25, 35, "k", "new")).outcome());
    }

    @Test
    void acceptsOverlappingPutsSeenInEitherOrderAsLongAsReadersAgree() {
        assertEquals(Outcome.OK, check(
                put(1, 0, 30, "k", "a"),
                put(2, 0, 30, "k", "b"),
                get(3, 40, 50, "k", "a"),
                get(4, 60, 70, "k", "a")).outcome());
        assertEquals(Outcome.VIOLATION, check(
                put(1, 0, 30, "k", "a"),
                put(2, 0, 30, "k", "b"),
                get(3, 40, 50, "k", "a"),
                get(4, 60, 70, "k", "b")).outcome());
    }

    @Test
    void detectsStaleReadAfterCompletedPut() {
        CheckResult result = check(
                put(1, 0, 10, "k", "v1"),
                put(2, 20, 30, "k", "v2"),
                get(3, 40, 50, "k", "v1"));

        assertEquals(Outcome.VIOLATION, result.outcome());
        assertEquals(3, result.witness().size());
    }

    @Test
    void detectsReadOfValueNeverWritten() {
        Operation phantom = get(2, 20, 30, "k", "ghost");

        CheckResult result = check(put(1, 0, 10, "k", "real"), phantom);

        assertEquals(Outcome.VIOLATION, result.outcome());
        assertEquals(List.of(phantom), result.witness());
    }

    @Test
    void detectsReadOfValueBeforeItsPutWasCalled() {
        assertEquals(Outcome.VIOLATION, check(
                get(2, 0, 10, "k", "early"),
                put(1, 20, 30, "k", "early")).outcome());
    }

    @Test
    void detectsDeletedValueReadAgain() {
        CheckResult result = check(
                put(1, 0, 10, "k", "a"),
                delete(2, 20, 30, "k"),
                get(1, 40, 50, "k", "a"));

        assertEquals(Outcome.VIOLATION, result.outcome());
        assertEquals(3, result.witness().size());
    }

    @Test
    void detectsValueThatComesBackAfterBeingOverwritten() {
        assertEquals(Outcome.VIOLATION, check(
                put(1, 0, 10, "k", "a"),
                put(2, 20, 50, "k", "b"),
                get(3, 25, 30, "k", "b"),
                get(3, 35, 40, "k", "a")).outcome());
    }

    @Test
    void acceptsPendingPutThatTookEffect() {
        assertEquals(Outcome.OK, check(
                put(1, 0, 10, "k", "a"),
                pending(2, 20, Operation.Kind.PUT, "k", "b"),
                get(3, 30, 40, "k", "b")).outcome());
    }

    @Test
    void acceptsPendingPutThatNeverTookEffect() {
        assertEquals(Outcome.OK, check(
                put(1, 0, 10, "k", "a"),
                pending(2, 20, Operation.Kind.PUT, "k", "b"),
                get(3, 30, 40, "k", "a"),
                get(3, 50, 60, "k", "a")).outcome());
    }

    @Test
    void acceptsPendingPutTakingEffectLongAfterItsCall() {
        assertEquals(Outcome.OK, check(
                put(1, 0, 10, "k", "a"),
                pending(2, 20, Operation.Kind.PUT, "k", "b"),
                get(3, 30, 40, "k", "a"),
                get(3, 50, 60, "k", "b")).outcome());
    }

    @Test
    void rejectsPendingPutTakingEffectTwice() {
        CheckResult result = check(
                put(1, 0, 10, "k", "a"),
                pending(2, 20, Operation.Kind.PUT, "k", "b"),
                get(3, 30, 40, "k", "b"),
                get(3, 50, 60, "k", "a"));

        assertEquals(Outcome.VIOLATION, result.outcome());
    }

    @Test
    void rejectsPendingPutSeenBeforeItWasCalled() {
        assertEquals(Outcome.VIOLATION, check(
                get(3, 0, 10, "k", "b"),
                pending(2, 20, Operation.Kind.PUT, "k", "b")).outcome());
    }

    @Test
    void remembersTheValueNotOnlyWhichOperationsWereApplied() {
        // Applying {pending put, put x, put y} can leave "x" or "y" in the register; only the order ending in the
        // pending put explains the read, so memoizing the set alone would wrongly give up on it.
        assertEquals(Outcome.OK, check(
                pending(0, 0, Operation.Kind.PUT, "k", "x"),
                put(1, 0, 0, "k", "x"),
                put(2, 1, 1, "k", "y"),
                get(3, 2, 2, "k", "x")).outcome());
    }

    @Test
    void ignoresPendingGetsAndAcceptsPendingDeletes() {
        assertEquals(Outcome.OK, check(
                put(1, 0, 10, "k", "a"),
                pending(2, 5, Operation.Kind.GET, "k", null),
                pending(2, 20, Operation.Kind.DELETE, "k", null),
                get(3, 30, 40, "k", NOT_FOUND)).outcome());
    }

    @Test
    void treatsTouchingTimestampsAsOverlapping() {
        assertEquals(Outcome.OK, check(
                put(1, 0, 10, "k", "a"),
                get(2, 10, 20, "k", NOT_FOUND)).outcome());
        assertEquals(Outcome.VIOLATION, check(
                put(1, 0, 10, "k", "a"),
                get(2, 11, 20, "k", NOT_FOUND)).outcome());
    }

    @Test
    void checksEachKeyOnItsOwnAndReportsOnlyTheViolatedOne() {
        CheckResult result = check(
                put(1, 0, 10, "fine", "a"),
                put(1, 0, 10, "broken", "a"),
                get(2, 20, 30, "fine", "a"),
                delete(1, 20, 30, "broken"),
                get(2, 40, 50, "broken", "a"));

        assertEquals(Optional.of("broken"), result.key());
        assertTrue(result.witness().stream().allMatch(op -> op.key().equals("broken")));
    }

    @Test
    void reportsTheFirstViolatedKeyInKeyOrder() {
        CheckResult result = check(
                get(1, 0, 10, "b", "ghost"),
                get(1, 20, 30, "a", "ghost"));

        assertEquals(Optional.of("a"), result.key());
    }

    @Test
    void startsFromTheGivenInitialState() {
        List<Operation> history = List.of(get(1, 0, 10, "k", "seeded"));

        assertEquals(Outcome.VIOLATION, checker.check(history).outcome());
        assertEquals(Outcome.OK, new LinearizabilityChecker(Map.of("k", "seeded"), 100).check(history).outcome());
    }

    @Test
    void reportsUnknownWhenTheBudgetRunsOut() {
        CheckResult result = new LinearizabilityChecker(Map.of(), 1).check(List.of(
                put(1, 0, 10, "k", "a"),
                get(2, 20, 30, "k", "a")));

        assertEquals(Outcome.UNKNOWN, result.outcome());
        assertFalse(result.isLinearizable());
        assertEquals(Optional.of("k"), result.key());
    }

    @Test
    void prefersAProvedViolationOverAnUndecidedKey() {
        CheckResult result = new LinearizabilityChecker(Map.of(), 1).check(List.of(
                put(1, 0, 10, "a-undecided", "a"),
                get(2, 20, 30, "a-undecided", "a"),
                get(3, 0, 10, "b-broken", "ghost")));

        assertEquals(Outcome.VIOLATION, result.outcome());
        assertEquals(Optional.of("b-broken"), result.key());
    }

    @Test
    void acceptsTheHistoryInAnyOrder() {
        List<Operation> history = new ArrayList<>(List.of(
                put(1, 0, 10, "k", "v1"),
                put(2, 20, 30, "k", "v2"),
                get(3, 40, 50, "k", "v1")));
        CheckResult inOrder = checker.check(history);
        Collections.reverse(history);

        CheckResult reversed = checker.check(history);

        assertEquals(inOrder.outcome(), reversed.outcome());
        assertEquals(inOrder.witness(), reversed.witness());
    }

    @Test
    void rejectsInvalidArgumentsNamingTheOffendingValue() {
        assertThrows(NullPointerException.class, () -> checker.check(null));
        NullPointerException nullElement = assertThrows(NullPointerException.class,
                () -> checker.check(Arrays.asList(put(1, 0, 1, "k", "v"), null)));
        assertTrue(nullElement.getMessage().contains("history[1]"), nullElement.getMessage());
        IllegalArgumentException budget = assertThrows(IllegalArgumentException.class,
                () -> new LinearizabilityChecker(Map.of(), 0));
        assertTrue(budget.getMessage().contains("was 0"), budget.getMessage());
        Map<String, String> withNull = new HashMap<>();
        withNull.put("k", null);
        NullPointerException initial = assertThrows(NullPointerException.class,
                () -> new LinearizabilityChecker(withNull, 10));
        assertTrue(initial.getMessage().contains("\"k\""), initial.getMessage());
    }
}
