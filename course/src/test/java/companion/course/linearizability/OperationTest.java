package companion.course.linearizability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class OperationTest {

    @Test
    void factoriesFillInTheRightFields() {
        Operation put = Operation.put(1, 10, 20, "k", "v");
        Operation get = Operation.get(2, 30, 40, "k", null);
        Operation pending = Operation.pending(3, 50, Operation.Kind.PUT, "k", "w");

        assertEquals(new Operation(1, 10, 20, Operation.Kind.PUT, "k", "v", null, true), put);
        assertEquals(Operation.Kind.GET, get.kind());
        assertNull(get.result());
        assertFalse(pending.completed());
        assertEquals(Operation.NEVER_RETURNED, pending.returnNanos());
    }

    @Test
    void precedesOnlyWhatStartsStrictlyAfterItReturned() {
        Operation first = Operation.put(1, 0, 10, "k", "v");

        assertTrue(first.precedes(Operation.get(2, 11, 20, "k", "v")));
        assertFalse(first.precedes(Operation.get(2, 10, 20, "k", "v")));
        assertFalse(Operation.pending(1, 0, Operation.Kind.DELETE, "k", null)
                .precedes(Operation.get(2, 1_000_000, 1_000_001, "k", null)));
    }

    @Test
    void rejectsImpossibleOperationsNamingTheOffendingValue() {
        assertMessage("was -1", () -> Operation.put(-1, 0, 1, "k", "v"));
        assertMessage("returnNanos 5 is before callNanos 9", () -> Operation.put(1, 9, 5, "k", "v"));
        assertMessage("PUT must carry a value, was null", () -> Operation.put(1, 0, 1, "k", null));
        assertMessage("GET must not carry a value, was \"v\"",
                () -> new Operation(1, 0, 1, Operation.Kind.GET, "k", "v", null, true));
        assertMessage("pending GET has \"r\"",
                () -> new Operation(1, 0, Operation.NEVER_RETURNED, Operation.Kind.GET, "k", null, "r", false));
        assertMessage("was 7", () -> new Operation(1, 0, 7, Operation.Kind.DELETE, "k", null, null, false));
        assertMessage("NEVER_RETURNED",
                () -> new Operation(1, 0, Operation.NEVER_RETURNED, Operation.Kind.DELETE, "k", null, null, true));
        assertThrows(NullPointerException.class, () -> Operation.get(1, 0, 1, null, null));
    }

    private static void assertMessage(String expected, Executable construction) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, construction);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
