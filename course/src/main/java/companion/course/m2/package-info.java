/**
 * Milestone 2's acceptance criteria: the storage engine (write-ahead log, crash recovery, log-structured storage,
 * compaction).
 *
 * <p>{@link companion.course.m2.StorageEngineCriteria} holds one method per criterion of the catalog. The criteria
 * check what a crash or a failing disk really does, three ways:
 * <ul>
 *   <li>{@link companion.course.m2.KillRuns}: the crash harness ({@link companion.course.crash}) kills a writing
 *       child JVM with SIGKILL and a second one checks every acknowledged write;</li>
 *   <li>{@link companion.course.m2.OnDisk}: the engine's files are damaged between a close and an open, a write
 *       torn half-way or one bit flipped, found by the bytes of a value, whatever the learner's format;</li>
 *   <li>{@link companion.course.m2.ForceWatch}: JDK Flight Recorder shows the engine's writes and forces, to tell
 *       an acknowledged write that was forced from one that a power cut would lose.</li>
 * </ul>
 * {@link companion.course.m2.EngineSession} records each step for the failure message, as milestone 1's
 * {@link companion.course.criteria.Session} does.
 */
package companion.course.m2;
