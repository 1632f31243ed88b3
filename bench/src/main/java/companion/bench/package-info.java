/**
 * Benchmarks: the same workload on the learner's code, the reference database and real embedded databases,
 * fairly, in one run.
 *
 * <ul>
 *   <li>{@link companion.bench.engine}: the {@link companion.bench.engine.Engine} contract every database is
 *       run through, and the registry of engines by name.
 *   <li>{@link companion.bench.peers}: adapters for RocksDB, LMDB, H2 MVStore, SQLite and MapDB.
 *   <li>{@link companion.bench.baseline}: the ceilings issue 5's targets divide by, run as pseudo-engines in the
 *       same run: an in-memory hash map, and append + fdatasync.
 *   <li>{@link companion.bench.workload}: workloads as data, in db_bench's vocabulary.
 *   <li>{@link companion.bench.run}: the child JVM that runs one engine's workloads and reports measurements.
 *   <li>{@link companion.bench.target}: issue 5's performance targets, each a ratio of two figures of one run.
 * </ul>
 *
 * Fairness rules (docs/benchmarks.md): every engine runs at the same {@link companion.api.Durability}, or is
 * marked as unable to; each engine runs in a fresh JVM with the same warm-up, and each measured run in a fresh
 * directory; times exclude JVM start-up and opening the store for every engine alike.
 */
package companion.bench;
