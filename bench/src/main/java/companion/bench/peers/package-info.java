/**
 * The peers: real embedded databases behind the same {@link companion.bench.engine.Engine} contract as the course's
 * store, so that a learner's numbers sit beside RocksDB's, LMDB's, H2's, SQLite's and MapDB's from the same
 * workload.
 *
 * <ul>
 *   <li>{@link companion.bench.peers.RocksDbEngine} {@code rocksdb}: a log-structured merge tree.
 *   <li>{@link companion.bench.peers.LmdbEngine} {@code lmdb}: a copy-on-write B+tree in a memory-mapped file.
 *   <li>{@link companion.bench.peers.H2MvStoreEngine} {@code h2}: H2's MVStore, append-mostly B-trees.
 *   <li>{@link companion.bench.peers.SqliteEngine} {@code sqlite}: one SQL table in WAL mode.
 *   <li>{@link companion.bench.peers.MapDbEngine} {@code mapdb}: a concurrent hash tree over a mapped file.
 * </ul>
 *
 * <h2>Fairness</h2>
 * Every adapter does one operation per call: each put or delete is its own write, transaction or commit, never a
 * batch. Each maps the three {@link companion.api.Durability} words onto its engine's real settings and prints
 * them ({@link companion.bench.engine.Engine#settings}); where an engine cannot honour a word truthfully it says
 * why and refuses to open, rather than run under a name it does not deserve. The table below is what each adapter
 * reports (see each class for the reasons):
 *
 * <pre>
 *   engine   none                                 group                     sync
 *   rocksdb  WAL written to OS, sync=false        sync=true, grouped WAL    sync=true, groups of one
 *   lmdb     MDB_NOSYNC|MDB_NOMETASYNC            not honoured              default flags (fdatasync)
 *   h2       commit() per write                   not honoured              commit() + sync() per write
 *   sqlite   WAL, synchronous=OFF                 not honoured              WAL, synchronous=FULL
 *   mapdb    StoreDirect, commit(), no sync       not honoured              StoreWAL, commit() per write
 * </pre>
 *
 * Engine defaults are kept (cache sizes included) unless a default would benchmark something other than the engine;
 * each class names the few it changes and why. Where an engine needs a lock to be used from many threads, the
 * adapter adds one and its settings say so.
 *
 * <h2>Shared parts</h2>
 * {@code GuardedStore} is the {@link companion.api.KeyValueStore} they all return: null
 * checks, the closed state, a close that waits for calls in progress, and failures wrapped with the engine's
 * name. {@code Peers} holds the few helpers they share.
 */
package companion.bench.peers;
