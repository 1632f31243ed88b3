/**
 * Compiles Java sources in-process with the JDK's compiler ({@code javax.tools}): the learner's workspace before
 * {@code companion test}, and generated starter code in the self-check. Errors come back as
 * {@code file:line: message}, the form every editor can jump to.
 */
package companion.course.compile;
