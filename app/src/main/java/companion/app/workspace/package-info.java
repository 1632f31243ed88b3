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
 *     .companion/history.jsonl                one JSON line per test run, bench run and hint shown
 *     .companion/tutor.json                   optional: the AI tutor's provider (docs/guidance.md)
 *     .companion/tutor-consent.json           the learner agreed to send context to that provider
 *     .companion/tutor-log.jsonl              every request sent to the tutor, and its reply
 * </pre>
 *
 * {@link companion.app.workspace.SourceFiles} reads the learner's sources, refusing any path that leaves
 * {@code src/main/java}.
 *
 * <p>Invariant: a file the learner changed is never overwritten; {@code next} writes the new version beside it.
 */
package companion.app.workspace;
