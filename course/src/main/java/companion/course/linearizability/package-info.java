/**
 * Checks that a key-value store behaves as if each call took effect at one instant between its start and its
 * return, even when many threads call it at once: the {@code concurrent-access} criterion.
 *
 * <p>Three steps, one class each:
 * <ol>
 *   <li>{@link companion.course.linearizability.HistoryRecorder} wraps the learner's store and records every call as
 *       an {@link companion.course.linearizability.Operation}: who, what, when it started and returned, what it saw.
 *   <li>{@link companion.course.linearizability.LinearizabilityChecker} searches, key by key, for an order of those
 *       operations that a plain map would have answered the same way.
 *   <li>{@link companion.course.linearizability.CheckResult} says OK, VIOLATION or UNKNOWN, and explains a
 *       violation with a handful of operations a learner can reason about.
 * </ol>
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li>All times come from one monotonic clock, {@link java.lang.System#nanoTime()}; the recorded interval of an
 *       operation contains the instant it really took effect.
 *   <li>An operation that threw is <em>pending</em>: it never returned, may have taken effect at any instant after
 *       its call or not at all, and nobody saw its result.
 *   <li>Operations whose clock readings touch are overlapping: a tie never counts against the store.
 *   <li>A VIOLATION is only reported when it is proved: its witness is a subset of the recorded operations, with
 *       their recorded times, that admits no valid order, and leaving out the other operations cannot have created
 *       the problem. UNKNOWN is never reported as OK.
 *   <li>The checker is deterministic: the same history gives the same result and the same witness.
 * </ul>
 *
 * <p>Nothing here depends on anything but the JDK and {@link companion.api.KeyValueStore}.
 */
package companion.course.linearizability;
