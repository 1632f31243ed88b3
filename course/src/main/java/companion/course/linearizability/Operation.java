package companion.course.linearizability;

import companion.course.criteria.Quote;

import java.util.Objects;

/**
 * One call a thread made on a key-value store, as seen from outside: when it started, when it returned, and what it
 * returned. A list of these is a <em>history</em>, which {@link LinearizabilityChecker} judges.
 *
 * <p>Times are nanoseconds from one shared monotonic clock ({@link System#nanoTime()}); only their differences mean
 * anything. The call time is read just <em>before</em> the store is invoked and the return time just <em>after</em>
 * it returns, so the instant at which the operation really took effect lies between the two.
 *
 * <h2>What a GET returned</h2>
 * {@link #result()} is a nullable {@code String} rather than an {@code Optional}: for a completed GET it is the value
 * found, or {@code null} when the key was missing; for every other operation it is {@code null} and means nothing.
 * {@link #value()} works the same way for the value a PUT wrote.
 *
 * <h2>Pending operations</h2>
 * An operation that threw an exception is <em>pending</em> ({@code completed == false}): the store may have applied
 * it before failing, or not at all, and nobody saw its result. It is therefore treated as if it never returned: its
 * return time is {@link #NEVER_RETURNED} (+infinity) and a pending GET has no result. The checker may place a pending
 * operation anywhere after its call, including "never".
 *
 * <p>This is Porcupine's {@code Operation} (client id, input, call time, output, return time) with the input and
 * output spelled out for the three calls of a key-value store. Porcupine has no pending flag; its users encode a
 * failed call the same way, with a return time of infinity and an output any state accepts.
 *
 * @param threadId    who made the call; a label for the explanation, not used by the algorithm
 * @param callNanos   clock reading just before the store was invoked
 * @param returnNanos clock reading just after it returned, or {@link #NEVER_RETURNED} if it threw
 * @param kind        which method was called
 * @param key         the key it was called with
 * @param value       for a PUT, the value written; otherwise {@code null}
 * @param result      for a completed GET, the value returned or {@code null} for "not found"; otherwise {@code null}
 * @param completed   {@code false} if the call threw, making the operation pending
 */
public record Operation(int threadId, long callNanos, long returnNanos, Kind kind, String key, String value,
                        String result, boolean completed) {

    /** The return time of a pending operation: later than any real clock reading. */
    public static final long NEVER_RETURNED = Long.MAX_VALUE;

    /** The three methods of {@link companion.api.KeyValueStore} that read or change data. */
    public enum Kind { PUT, GET, DELETE }

    /** Checks that the fields describe a call that could have happened; see the record's description. */
    public Operation {
        if (threadId < 0) {
            throw new IllegalArgumentException("threadId must be >= 0, was " + threadId);
        }
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        if (completed && returnNanos == NEVER_RETURNED) {
            throw new IllegalArgumentException("a completed operation needs a return time, was NEVER_RETURNED");
        }
        if (!completed && returnNanos != NEVER_RETURNED) {
            throw new IllegalArgumentException(
                    "a pending operation has returnNanos NEVER_RETURNED, was " + returnNanos);
        }
        if (returnNanos < callNanos) {
            throw new IllegalArgumentException(
                    "returnNanos " + returnNanos + " is before callNanos " + callNanos);
        }
        if ((kind == Kind.PUT) != (value != null)) {
            throw new IllegalArgumentException(kind + " must " + (kind == Kind.PUT ? "" : "not ")
                    + "carry a value, was " + Quote.of(value));
        }
        if (result != null && !(kind == Kind.GET && completed)) {
            throw new IllegalArgumentException(
                    "only a completed GET has a result, but this " + (completed ? "" : "pending ") + kind
                            + " has " + Quote.of(result));
        }
    }

    /** A PUT that returned normally. */
    public static Operation put(int threadId, long callNanos, long returnNanos, String key, String value) {
        return new Operation(threadId, callNanos, returnNanos, Kind.PUT, key, value, null, true);
    }

    /** A GET that returned {@code result}, where {@code null} means the key was not found. */
    public static Operation get(int threadId, long callNanos, long returnNanos, String key, String result) {
        return new Operation(threadId, callNanos, returnNanos, Kind.GET, key, null, result, true);
    }

    /** A DELETE that returned normally. */
    public static Operation delete(int threadId, long callNanos, long returnNanos, String key) {
        return new Operation(threadId, callNanos, returnNanos, Kind.DELETE, key, null, null, true);
    }

    /**
     * An operation that threw, so it may or may not have taken effect.
     *
     * @param value the value a PUT tried to write; {@code null} for GET and DELETE
     */
    public static Operation pending(int threadId, long callNanos, Kind kind, String key, String value) {
        return new Operation(threadId, callNanos, NEVER_RETURNED, kind, key, value, null, false);
    }

    /**
     * Whether this operation returned before {@code other} was called, so any valid order must put it first. Equal
     * readings count as overlapping: readings taken on two cores are only as exact as the clock, so a tie gives the
     * store the benefit of the doubt. A pending operation precedes nothing.
     */
    public boolean precedes(Operation other) {
        return returnNanos < other.callNanos;
    }
}
