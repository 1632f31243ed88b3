package companion.course.linearizability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import companion.api.KeyValueStore;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HistoryRecorderTest {

    @Test
    void recordsEachCallWithItsResultAndTimes() {
        HistoryRecorder recorder = new HistoryRecorder(new MapBackedStore());

        recorder.put(1, "k", "v");
        Optional<String> found = recorder.get(2, "k");
        recorder.delete(1, "k");
        Optional<String> missing = recorder.get(2, "k");

        assertEquals(Optional.of("v"), found);
        assertEquals(Optional.empty(), missing);
        List<Operation> history = recorder.history();
        assertEquals(List.of(Operation.Kind.PUT, Operation.Kind.GET, Operation.Kind.DELETE, Operation.Kind.GET),
                history.stream().map(Operation::kind).toList());
        assertEquals("v", history.get(1).result());
        assertEquals(null, history.get(3).result());
        assertEquals(2, history.get(1).threadId());
        for (int i = 0; i < history.size(); i++) {
            Operation op = history.get(i);
            assertTrue(op.completed());
            assertTrue(op.callNanos() <= op.returnNanos(), op::toString);
            if (i > 0) {
                assertTrue(history.get(i - 1).precedes(op) || history.get(i - 1).returnNanos() == op.callNanos());
            }
        }
    }

    @Test
    void recordsAFailedCallAsPendingAndRethrowsTheSameException() {
        IllegalStateException boom = new IllegalStateException("disk on fire");
        HistoryRecorder recorder = new HistoryRecorder(new FailingStore(boom));

        assertSame(boom, assertThrows(IllegalStateException.class, () -> recorder.put(3, "k", "v")));
        assertSame(boom, assertThrows(IllegalStateException.class, () -> recorder.get(3, "k")));
        assertSame(boom, assertThrows(IllegalStateException.class, () -> recorder.delete(3, "k")));

        List<Operation> history = recorder.history();
        assertEquals(3, history.size());
        for (Operation op : history) {
            assertFalse(op.completed());
            assertEquals(Operation.NEVER_RETURNED, op.returnNanos());
        }
        assertEquals("v", history.get(0).value());
    }

    @Test
    void collectsEveryOperationFromManyThreads() {
        List<Operation> history = Workload.random(new MapBackedStore(), 8, 500, 4, 1);

        assertEquals(4_000, history.size());
        for (int thread = 0; thread < 8; thread++) {
            int id = thread;
            assertEquals(500, history.stream().filter(op -> op.threadId() == id).count());
        }
        for (int i = 1; i < history.size(); i++) {
            assertTrue(history.get(i - 1).callNanos() <= history.get(i).callNanos(), "history is ordered by call");
        }
    }

    @Test
    void rejectsInvalidArgumentsBeforeCallingTheStore() {
        HistoryRecorder recorder = new HistoryRecorder(new FailingStore(new AssertionError("must not be called")));

        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class, () -> recorder.get(-2, "k"));
        assertTrue(negative.getMessage().contains("was -2"), negative.getMessage());
        assertThrows(NullPointerException.class, () -> recorder.put(1, null, "v"));
        assertThrows(NullPointerException.class, () -> recorder.put(1, "k", null));
        assertTrue(recorder.history().isEmpty());
    }

    /** A store whose every call fails with the same exception. */
    private static final class FailingStore implements KeyValueStore {
        private final RuntimeException runtime;
        private final Error error;

        FailingStore(Throwable failure) {
            this.runtime = failure instanceof RuntimeException r ? r : null;
            this.error = failure instanceof Error e ? e : null;
        }

        private RuntimeException fail() {
            if (error != null) {
                throw error;
            }
            return runtime;
        }

        @Override
        public Optional<String> get(String key) {
            throw fail();
        }

        @Override
        public void put(String key, String value) {
            throw fail();
        }

        @Override
        public void delete(String key) {
            throw fail();
        }

        @Override
        public void close() {
        }
    }
}
