/**
 * The write-ahead log: the storage engine's memory of every change, durable before the change is acknowledged,
 * and replayed after a crash. Milestone 2 of the course. Byte format and recovery rules: docs/formats/wal.md.
 *
 * <pre>
 *   engine.put(k, v)
 *     │ append(new Operation.Put(k, v))
 *     v
 *   WriteAheadLog ── RecordCodec.frame ──> [crc|length|sequence|type|payload]   encoded outside the lock
 *     │  lock: seal (sequence, CRC32C), pwrite into the preallocated segment          one writer at a time
 *     │       (none: a copy into the segment's writable memory map instead;
 *     │        group: a copy into the LogBuffer, which the group's leader writes)
 *     │  group: GroupCommit: lead one write + fsync for the group, gather it, or park  the lock is released
 *     v
 *   00000000000000000001.wal  00000000000000052817.wal  ...   segments, named by their first sequence number
 *
 *   open() ── Recovery ── SegmentReader.frameAt ──> Frame: Valid | End | Damaged ──> replay, or torn tail
 *                                                                                    (truncate, report), or
 *                                                                                    corruption (file + offset)
 * </pre>
 *
 * <ul>
 *   <li>{@link companion.database.storage.wal.WriteAheadLog}: open and recover (handing each record to a {@link
 *       companion.database.storage.wal.Replay}), append, read one record at its {@link
 *       companion.database.storage.wal.LogPosition} or an operation at its address ({@link
 *       companion.database.storage.wal.LogReader}), read from a sequence number on ({@link
 *       companion.database.storage.wal.LogCursor}), delete old segments.
 *   <li>{@code GroupCommit}: which records are durable, and how concurrent writers share one fsync.
 *   <li>{@link companion.database.storage.wal.Operation} (put, delete, batch) and
 *       {@link companion.database.storage.wal.LogRecord} (an operation with its sequence number): what goes in and
 *       what comes out. The engine never sees bytes.
 *   <li>{@code RecordCodec}, {@code PayloadCodec}: the bytes of a record. {@code Segment}: a file of the log;
 *       {@code SegmentWriter}: the segments being written, with the {@code LogBuffer} of records not yet written at
 *       {@code group}; {@code SegmentFiles}: the segments' read-only memory maps, numbered: the log's address
 *       space, for reads by position or address. {@code SegmentReader}, {@code Recovery}: reading back and the
 *       torn-tail-or-corruption decision.
 *   <li>{@link companion.database.storage.wal.RecoveryReport}: what opening found; {@link
 *       companion.database.storage.wal.LogOptions}: durability, segment size, salvage.
 * </ul>
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li>Sequence numbers start at 1 and grow by one per record, without gaps, across segments and reopenings.
 *   <li>{@code durableSequence <= nextSequence - 1}, and every record up to {@code durableSequence} is forced.
 *       Under sync and group, {@code append} returns only once {@code durableSequence} covers its record.
 *   <li>Every byte of a segment after its last record is zero; a zero length field never starts a record.
 *   <li>A segment other than the last was forced whole before the next one was created, so only the last
 *       segment can end in a torn write.
 *   <li>Addresses grow in log order (segment number, then offset); a segment's number is never reused while the
 *       process runs, so an address never names two records.
 *   <li>Encoding and decoding are inverses: {@code decode(encode(s, op)) == new LogRecord(s, op)}.
 * </ul>
 *
 * <p>The log writes through {@link companion.database.storage.io.StorageDirectory}, so tests run it on a
 * simulated disk that loses unforced bytes, tears pages, flips bits and fails fsyncs.
 */
package companion.database.storage.wal;
