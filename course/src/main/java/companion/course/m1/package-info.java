/**
 * Milestone 1's acceptance suite: the criteria a key-value store must meet, written against
 * {@link companion.api.KeyValueStore} only, so the same suite judges the learner's store, the reference and every
 * mutant. {@link companion.course.m1.KeyValueStoreCriteria} holds one method per catalog criterion;
 * {@link companion.course.m1.Scenario} is the random operation sequence that multiple-keys checks and shrinks.
 */
package companion.course.m1;
