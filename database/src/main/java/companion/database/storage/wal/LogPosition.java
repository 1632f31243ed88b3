package companion.database.storage.wal;

/**
 * Where a record is in the log, and when it was written: its sequence number, its segment, its byte offset in the
 * segment, its size, and its {@linkplain #address address}, the same place as one number. {@link WriteAheadLog#append}
 * returns it, replay and {@link LogCursor} report it, and {@link WriteAheadLog#read} reads the record back from it.
 *
 * <pre>{@code
 * LogPosition at = log.append(new Operation.Put(key, value));   // #7 in 00000000000000000001.wal @ 246, 41 bytes
 * LogRecord record = log.read(at);                               // #7 put "key" "value", checksum verified
 * log.valueAt(at.address(), 1, key);                             // the same record, found by its address
 * }</pre>
 *
 * <h2>Addresses</h2>
 * The log numbers its segments 0, 1, 2, ... in log order, as it first sees them (at open, or when it creates one),
 * and a record's address is its segment's number times 2<sup>30</sup> plus its offset: as if every segment sat in
 * its own 1 GiB stretch of one long address space ({@link LogOptions#MAX_SEGMENT_SIZE} is 1 GiB, so offsets fit).
 * Addresses grow in log order, like sequence numbers, and fit in a {@code long} with nothing to allocate, which is
 * why the key directory keeps them instead of positions. They are the process's own: the numbering starts again
 * at every open, and nothing on disk holds an address. FASTER's "logical addresses" are the same idea.
 *
 * @param sequence the record's sequence number
 * @param segment  the segment holding it, named by its first sequence number ({@code segment <= sequence})
 * @param offset   byte offset of the record's first byte (its crc field) in the segment
 * @param size     the record's size in bytes, its 17-byte header included
 * @param address  the record's address: its segment's number in this process, times 2<sup>30</sup>, plus offset
 */
public record LogPosition(long sequence, long segment, long offset, int size, long address) {
    /** Bits of an address that hold the offset in the segment: segments are at most 2<sup>30</sup> bytes. */
    public static final int OFFSET_BITS = 30;

    /** @throws IllegalArgumentException naming the values, if they cannot describe a record */
    public LogPosition {
        if (segment < 1 || sequence < segment || offset < 0 || offset >= 1L << OFFSET_BITS
                || size < RecordCodec.HEADER_BYTES || address < 0 || offsetOf(address) != offset) {
            throw new IllegalArgumentException("impossible position: #" + sequence + " in segment " + segment
                    + " at offset " + offset + ", " + size + " bytes, address " + address);
        }
    }

    /** The address of the byte at {@code offset} of segment number {@code ordinal}. */
    public static long address(long ordinal, long offset) {
        return ordinal << OFFSET_BITS | offset;
    }

    /** The number of the segment an address falls in. */
    public static long ordinalOf(long address) {
        return address >>> OFFSET_BITS;
    }

    /** The offset in its segment of an address. */
    public static long offsetOf(long address) {
        return address & ((1L << OFFSET_BITS) - 1);
    }

    /** Canonical text: {@code #7 in 00000000000000000001.wal @ 246, 41 bytes}. */
    @Override
    public String toString() {
        return "#" + sequence + " in " + new Segment(segment).name() + " @ " + offset + ", " + size + " bytes";
    }
}
