/**
 * Guidance: help for a learner stuck on a failing criterion that teaches rather than hands out the answer.
 *
 * <p>The offline hint ladder is the default. Every criterion of the catalog has a {@link
 * companion.course.guidance.Ladder} of four rungs, kept as data beside the catalog
 * ({@code companion/course/hints/mN.json}, one file per milestone, plus {@code rules.json}):
 *
 * <pre>
 *   level 1  concept    a question about the idea the criterion checks          "what must survive a restart?"
 *   level 2  pointer    which component and which lesson section to read          "KVStore.replay; Step 5"
 *   level 3  diagnosis  built from THIS failure: the step that went wrong, expected vs got, and what a
 *                       {@link companion.course.guidance.Rule} reading the failure makes of it (a timeout is
 *                       likely a loop or a deadlock, "an empty file" a missing flush, a TODO not written yet)
 *   level 4  sketch     pseudocode of the shape of the answer, never the Java of the reference solution
 * </pre>
 *
 * {@link companion.course.guidance.HintBook} loads the ladders and writes a {@link companion.course.guidance.Hint};
 * {@link companion.course.guidance.Unlocking} says which level a learner may see next (one more after another
 * failed run of the criterion, or after a few minutes). Where the learner stands is the workspace's business: the
 * app records each hint shown in the workspace history and passes it back in.
 *
 * <p>Invariants (checked by {@code HintBookTest}, part of the build): every criterion of every milestone in
 * {@code milestones.json}, available or not, has exactly one ladder with four non-blank rungs; no ladder names an
 * unknown criterion; every ladder's lesson section is a real heading of that milestone's lesson; rule texts use
 * only the placeholders {@link companion.course.guidance.Diagnosis} fills in.
 *
 * <p>The optional AI tutor lives in {@link companion.course.guidance.tutor}. See {@code docs/guidance.md}.
 */
package companion.course.guidance;
