package companion.course.linearizability;

import companion.course.criteria.Quote;

import companion.api.KeyValueStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Wraps a {@link KeyValueStore} and writes down every call made through it, for {@link LinearizabilityChecker}.
 *
 * <p>Each method reads {@link System#nanoTime()}, calls the store, reads the clock again, and appends an
 * {@link Operation} to a lock-free queue. The clock readings bracket the store call as tightly as possible, so the
 * recorded interval always contains the real one; appending happens after the second reading and costs one
 * compare-and-set, so recording does not make the threads take turns and hide the races we are looking for.
 *
 * <p>If the store throws, the operation is recorded as pending ({@link Operation#pending}) and the exception is
 * rethrown unchanged: the caller decides whether a failure is acceptable, the recorder only makes sure the history
 * allows for the call having taken effect.
 *
 * <p>Porcupine leaves recording to its users (Jepsen does it for Knossos); this is the smallest recorder that gets
 * the timing right. Safe to use from any number of threads. A thread id is only a label for explanations; give each
 * worker thread its own. The recorder does not own the store and never closes it.
 */
public final class HistoryRecorder {

    private final KeyValueStore store;
    private final ConcurrentLinkedQueue<Operation> operations = new ConcurrentLinkedQueue<>();

    /** Records calls made on {@code store}. */
    public HistoryRecorder(KeyValueStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** Calls {@code store.put(key, value)} on behalf of thread {@code threadId} and records it. */
    public void put(int threadId, String key, String value) {
        checkArguments(threadId, key);
        Objects.requireNonNull(value, "value");
        long call = System.nanoTime();
        try {
            store.put(key, value);
        } catch (Throwable failure) {
            operations.add(Operation.pending(threadId, call, Operation.Kind.PUT, key, value));
            throw failure;
        }
        long ret = System.nanoTime();
        operations.add(Operation.put(threadId, call, ret, key, value));
    }

    /** Calls {@code store.get(key)} on behalf of thread {@code threadId}, records it, and returns its result. */
    public Optional<String> get(int threadId, String key) {
        checkArguments(threadId, key);
        long call = System.nanoTime();
        Optional<String> result;
        try {
            result = store.get(key);
        } catch (Throwable failure) {
            operations.add(Operation.pending(threadId, call, Operation.Kind.GET, key, null));
            throw failure;
        }
        long ret = System.nanoTime();
        if (result == null) {
            // The contract forbids null, and a pending GET is the honest record of a call with no usable answer.
            operations.add(Operation.pending(threadId, call, Operation.Kind.GET, key, null));
            throw new NullPointerException("store.get(" + Quote.of(key) + ") returned null, not an Optional");
        }
        operations.add(Operation.get(threadId, call, ret, key, result.orElse(null)));
        return result;
    }

    /** Calls {@code store.delete(key)} on behalf of thread {@code threadId} and records it. */
    public void delete(int threadId, String key) {
        checkArguments(threadId, key);
        long call = System.nanoTime();
        try {
            store.delete(key);
        } catch (Throwable failure) {
            operations.add(Operation.pending(threadId, call, Operation.Kind.DELETE, key, null));
            throw failure;
        }
        long ret = System.nanoTime();
        operations.add(Operation.delete(threadId, call, ret, key));
    }

    /**
     * Every operation recorded so far, ordered by call time (ties by thread id). Call it after the worker threads
     * have finished, for example after {@link Thread#join()}; earlier, calls still in flight are simply missing.
     */
    public List<Operation> history() {
        List<Operation> snapshot = new ArrayList<>(operations);
        snapshot.sort(Comparator.comparingLong(Operation::callNanos).thenComparingInt(Operation::threadId));
        return List.copyOf(snapshot);
    }

    private static void checkArguments(int threadId, String key) {
        if (threadId < 0) {
            throw new IllegalArgumentException("threadId must be >= 0, was " + threadId);
        }
        Objects.requireNonNull(key, "key");
    }
}
