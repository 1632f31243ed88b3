/**
 * The parent side of running criteria: builds the child JVM's classpath (the learner's classes, or the reference
 * database, never both), starts the child with a heap cap, reads its {@link companion.course.runner.Event}s, and
 * survives whatever the code under test does to the child: an exit, an OutOfMemoryError, a hang. A criterion
 * that kills the child is reported as that criterion's error, and the child is restarted for the rest.
 */
package companion.app.runner;
