/**
 * A learner's workspace (DESIGN.md, "Learner workspace"):
 *
 * <pre>
 *   my-database/
 *     pom.xml, LESSON.md, README.md          opens in any IDE; mvn compile works with no dependencies
 *     src/main/java/companion/api/...         the contracts, given whole
 *     src/main/java/companion/database/kv/... the starter: the reference with the learner's regions as TODOs
 *     target/classes/                         where companion test compiles to
 *     .companion/state.json                   current milestone, unlocked milestones, starter file hashes
 *     .companion/history.jsonl                one JSON line per test run (and, later, per bench run)
 * </pre>
 *
 * Invariant: a file the learner changed is never overwritten; {@code next} writes the new version beside it.
 */
package companion.app.workspace;
