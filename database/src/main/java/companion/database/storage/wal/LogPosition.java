package companion.database.storage.wal;

/**
 * Where a record is in the log, and when it was written: its sequence number, its segment, its byte offset in the
 * segment and its size. {@link WriteAheadLog#append} returns it, replay and {@link LogCursor} report it, and
 * {@link WriteAheadLog#read} reads the record back from it: what a Bitcask-style engine keeps per key, so that a get
 * is one read of the log.
 *
 * <pre>{@code
 * LogPosition at = log.append(new Operation.Put(key, value));   // #7 in 00000000000000000001.wal @ 246, 41 bytes
 * LogRecord record = log.read(at);                               // #7 put "key" "value", checksum verified
 * }</pre>
 *
 * @param sequence the record's sequence number
 * @param segment  the segment holding it, named by its first sequence number ({@code segment <= sequence})
 * @param offset   byte offset of the record's first byte (its crc field) in the segment
 * @param size     the record's size in bytes, its 17-byte header included
 */
public record LogPosition(long sequence, long segment, long offset, int size) {
    /** @throws IllegalArgumentException naming the values, if they cannot describe a record */
    public LogPosition {
        if (segment < 1 || sequence < segment || offset < 0 || size < RecordCodec.HEADER_BYTES) {
            throw new IllegalArgumentException("impossible position: #" + sequence + " in segment " + segment
                    + " at offset " + offset + ", " + size + " bytes");
        }
    }

    /** Canonical text: {@code #7 in 00000000000000000001.wal @ 246, 41 bytes}. */
    @Override
    public String toString() {
        return "#" + sequence + " in " + new Segment(segment).name() + " @ " + offset + ", " + size + " bytes";
    }
}
