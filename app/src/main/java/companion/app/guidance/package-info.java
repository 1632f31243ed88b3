/**
 * Guidance for one workspace: the glue between the course's hint ladders and AI tutor
 * ({@link companion.course.guidance}) and the learner's workspace, shared by the CLI ({@code companion hint},
 * {@code companion tutor}) and the dashboard.
 *
 * <ul>
 *   <li>{@link companion.app.guidance.Guidance}: which hint level a learner may see, from the workspace history
 *       (hints shown are {@code "kind": "hint"} lines in {@code .companion/history.jsonl}, beside the test runs);
 *   <li>{@link companion.app.guidance.TutorDesk}: the tutor's configuration, consent, context and local log, all
 *       under {@code .companion/}.
 * </ul>
 *
 * Invariant: nothing is sent to a provider before the learner agreed to that provider (url and model), and
 * everything sent is appended to {@code .companion/tutor-log.jsonl} first. See {@code docs/guidance.md}.
 */
package companion.app.guidance;
