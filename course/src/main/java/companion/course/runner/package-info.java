/**
 * Runs acceptance criteria and reports them as {@link companion.course.runner.CriterionResult}s.
 *
 * <pre>
 *   companion test (app)                               child JVM (this package)
 *   ----------------------                             -----------------------------------------
 *   compile the workspace                              ChildMain --criteria a,b,c --seed 42
 *   start the child, heap capped  ───────────────────▶   for each criterion:
 *                                                          print "@@companion {started a}"
 *                                                          CriterionRunner: JUnit Launcher, one method
 *   read events as they come     ◀───────────────────      print "@@companion {finished a: result}"
 *   child died mid-criterion? mark it, restart          watchdog: past its timeout, report where the
 *   the child with the criteria that remain               learner's code was stuck, and halt
 * </pre>
 *
 * <p>The child protects the parent from the learner's code: their output is captured per criterion rather than
 * mixed into the event stream, {@code System.exit} is refused while a criterion runs (where the JDK still permits
 * a security manager), an endless loop is stopped by the watchdog, and an OutOfMemoryError ends the child
 * ({@code -XX:+ExitOnOutOfMemoryError}), which the parent reports against the criterion that was running.
 */
package companion.course.runner;
