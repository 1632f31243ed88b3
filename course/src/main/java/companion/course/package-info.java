/**
 * The course: the five milestones as data and code. Everything a learner reads or is judged by lives here.
 *
 * <ul>
 *   <li>{@link companion.course.catalog}: the milestone catalog ({@code milestones.json}): ids, titles, files,
 *       criteria, scaffold targets.
 *   <li>{@link companion.course.criteria}: the vocabulary acceptance suites are written in: a criterion, its
 *       failure (did / expected / got / repro), the subject under test.
 *   <li>{@link companion.course.guidance}: the hint ladders of every criterion, and the optional AI tutor.
 *   <li>{@link companion.course.m1}: milestone 1's acceptance suite.
 *   <li>{@link companion.course.runner}: runs criteria through the JUnit Platform Launcher, in the child JVM the
 *       CLI starts, and reports each as a {@link companion.course.runner.CriterionResult}.
 *   <li>{@link companion.course.scaffold}: turns the reference sources into starter code.
 * </ul>
 *
 * The course depends on {@code api} only; the reference database reaches it as source text (resources under
 * {@code companion/course/reference/}) for the scaffold, and as the subject under test at run time.
 */
package companion.course;
