/**
 * Deliberately broken key-value stores, one {@link companion.course.mutants.Flaw} each, that prove every
 * milestone 1 criterion can fail: each flaw names the criterion that must catch it.
 */
package companion.course.mutants;
