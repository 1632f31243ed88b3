/**
 * The vocabulary acceptance suites are written in, so that every failure reads the same way to a learner:
 *
 * <pre>
 *   did:      put("user:1", "alice"), close(), open the same file, get("user:1")
 *   expected: "alice"
 *   got:      not found
 *   repro:    companion test --only persistence-reload --seed 8812
 * </pre>
 *
 * <ul>
 *   <li>{@link companion.course.criteria.Criterion}: marks a JUnit test method as the criterion with an id.
 *   <li>{@link companion.course.criteria.CriterionFailure}: the did / expected / got of a failed criterion.
 *   <li>{@link companion.course.criteria.Subject}: the code under test (the learner's, the reference, a mutant).
 *   <li>{@link companion.course.criteria.Session}: drives a store while recording what was done, and turns the
 *       learner's exceptions into failures that point at their file and line.
 *   <li>{@link companion.course.criteria.Shrinker}: reduces a failing operation sequence to a minimal one.
 * </ul>
 */
package companion.course.criteria;
