/**
 * Milestone 2: the storage engine, log-structured in the manner of Bitcask.
 *
 * <pre>
 *   put(k, v) ──▶ write-ahead log (wal): [crc len seq type payload][...]   segments, preallocated, CRC32C each
 *                     │
 *                     └──▶ key directory (KeyDirectory): hash(k) ──▶ slot [tag | address] (no key kept)
 *   get(k)    ──▶ key directory ──▶ the record at the slot's address, in its segment's memory map, CRC checked,
 *                                   whose key is k (else the next slot with that tag)
 *   compaction: copy every live record to the head of the log, sync, delete the segments before the copies
 * </pre>
 *
 * <ul>
 *   <li>{@link companion.database.storage.io}: the file layer, injectable so tests can drop unforced bytes, tear a
 *       page, flip a bit or fail an fsync.
 *   <li>{@link companion.database.storage.wal}: the write-ahead log: record framing, durability none / sync /
 *       group (group commit), recovery with torn-tail truncation and corruption reports (docs/formats/wal.md).
 *   <li>{@link companion.database.storage.KeyDirectory}: the in-memory hash index from each live key to the log
 *       address of its latest write (16 bytes a slot, no keys: it recognises a key by reading it in the log), with
 *       the live bytes that decide when to compact. Readers take no lock.
 * </ul>
 *
 * <p>Why Bitcask rather than an LSM tree: it is the simplest design that is crash-safe and fast for point reads and
 * writes (one index lookup and one read of a memory-mapped record per get, one append per put). An LSM tree buys
 * ordered scans and key sets larger than memory; milestone 3's B+tree brings order. Simplifications against
 * Bitcask itself: prefix scans walk the whole index and read every live record; one compaction at a time,
 * rewriting all live data; no hint files; no compression. One departure makes it leaner than Bitcask: the index
 * keeps a slot per live key, not the key (as FASTER's hash index does).
 *
 * <ul>
 *   <li>{@link companion.database.storage.LogStructuredStore}: the engine: the log, the key directory, striped
 *       writer locks, and compaction (see its class doc for why a crash at any point of it loses nothing).
 * </ul>
 *
 * <p>Not here: hint files (recovery reads every record).
 */
package companion.database.storage;
