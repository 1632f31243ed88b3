/**
 * The reference database: the complete solution to every milestone and a real embedded database, built only on
 * the JDK. One package per layer, in the order a learner builds them:
 *
 * <ol>
 *   <li>{@link companion.database.kv}: milestone 1, a persistent key-value store (a hash map and an append-only log).
 * </ol>
 *
 * Later milestones add {@code storage} (write-ahead log, segments, compaction, recovery), {@code btree},
 * {@code sql} and {@code txn}. Regions between {@code // @scaffold-begin} and {@code // @scaffold-end} are what the
 * learner writes; see docs/scaffold-markers.md.
 */
package companion.database;
