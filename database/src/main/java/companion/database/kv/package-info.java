/**
 * Milestone 1: a persistent key-value store. The design is the simplest one that is correct: an in-memory
 * {@link java.util.HashMap} that answers every read, and an append-only log file that every write goes to first.
 *
 * <pre>
 *   put("a","1")  put("b","2")  delete("a")         memory:  { b=2 }
 *        |             |             |
 *        v             v             v
 *   data.kv: [PUT a 1][PUT b 2][DELETE a]           open(): replay the log from byte 0 into an empty map
 * </pre>
 *
 * <ul>
 *   <li>{@link companion.database.kv.LogRecord}: a put or a delete, and its bytes (docs/formats/kv-log.md).
 *   <li>{@link companion.database.kv.LogReader}: reads records back, tracking the byte offset for error messages.
 *   <li>{@link companion.database.kv.KVStore}: the store; one read-write lock guards the map and the log together.
 *   <li>{@link companion.database.kv.Main}: a command-line front end, one operation per process.
 * </ul>
 *
 * <p>Invariant: replaying the log from the start yields exactly the map in memory, at every instant no write
 * is in progress. Everything in this package exists to keep that true, including under concurrent writers.
 *
 * <p>Simplifications, all lifted in milestone 2: the log is never compacted (an overwritten value stays in the file
 * forever); records carry no checksum, so a torn or damaged tail is reported, not repaired; there is no group commit.
 */
package companion.database.kv;
