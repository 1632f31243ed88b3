/**
 * The crash harness: kill a process that writes to a storage engine with SIGKILL at a seeded random moment, reopen
 * the store, and check that no acknowledged write was lost, no value was invented, no batch was torn, and the store
 * opened without manual repair. {@code companion crash-test} runs it against the reference database or a learner's
 * milestone 2 engine; the course's tests run it against small test engines, correct and broken.
 *
 * <pre>
 *   parent (CrashTest, in companion)          writer JVM (CrashWriter)            verifier JVM (CrashVerifier)
 *   --------------------------------          ------------------------            ----------------------------
 *   seed S_i -> CrashPlan, fresh dir
 *   start the writer  ----------------------> open(dir, durability)
 *                                             threads t0..t2, each on its own keys:
 *   read its stdout   <-- intent t0#5 put k0-03=40:5d1c9a0e     (before the call)
 *                     <-- ack t0#5 put k0-03=40:5d1c9a0e        (after it returns)
 *   K-th ack read:
 *   SIGKILL           ----------------------> dies mid-write, store left open
 *   read on to EOF: lines already in the pipe still count
 *   start the verifier ------------------------------------------------------> open(dir): recovery
 *                     <------------------------------------------------------- value k0-03 40:5d1c9a0e 7430...
 *                     <------------------------------------------------------- absent k0-04
 *                                                                              close, reopen, read again
 *   CrashCheck(History, StoreState, durability) -> Violations -> RunResult
 * </pre>
 *
 * <h2>Pieces</h2>
 * <ul>
 *   <li>{@link companion.course.crash.CrashPlan}: what follows from a run's seed (threads, keys, operations, kill
 *       point); {@link companion.course.crash.TracedValue}: values that name the write that produced them.
 *   <li>{@link companion.course.crash.CrashWriter} and {@link companion.course.crash.CrashVerifier}: the two child
 *       mains; they reach the engine through {@link companion.course.crash.EngineOpener} ({@code Class#method}).
 *   <li>{@link companion.course.crash.History}, {@link companion.course.crash.StoreState}: their output, parsed.
 *   <li>{@link companion.course.crash.CrashCheck}: the rules, pure logic; {@link companion.course.crash.Violation}.
 *   <li>{@link companion.course.crash.CrashTest}: runs it all, run after run.
 * </ul>
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li>One writer per key: a thread only touches its own keys, so a key's writes are totally ordered by the
 *       thread's sequence numbers, and at most one of them is in flight at the kill.
 *   <li>An intent line is in the pipe before its operation starts, and an ack line only after it returned: every
 *       write that can have reached the store has an intent in the history, and every ack is a real return.
 *   <li>The parent never loads the engine's classes: the engine runs only in the two children.
 *   <li>A run is a function of its seed except for timing: the same seed replays the same operations and the same
 *       kill target, but how far the writer got before the signal landed can differ.
 * </ul>
 *
 * <h2>What a SIGKILL can and cannot find</h2>
 * Killing the process leaves the kernel's page cache intact, so this finds writes an engine acknowledged while
 * they were still in its own memory, torn records and batches, and recovery that fails or is not repeatable. It
 * cannot find a missing fsync: that takes a power cut, or a file system that drops unsynced writes.
 *
 * <p>The line protocol is specified in {@code docs/formats/crash-protocol.md}. Only the JDK and the {@code api}
 * module are used here.
 */
package companion.course.crash;
