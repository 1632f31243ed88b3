package companion.database.storage.wal;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * A log record's bytes: the frame (checksum, length, sequence number, type) around a payload ({@link PayloadCodec}).
 * Grammar (docs/formats/wal.md), all integers big-endian, as milestone 1's log and {@link ByteBuffer}'s default:
 *
 * <pre>
 *   record := crc:u32 length:u32 sequence:u64 type:u8 payload:byte[length - 9]
 *
 *   offset  size          field
 *   0       4             crc       CRC32C of bytes 4 .. 8+length (everything after this field)
 *   4       4             length    bytes after this field: 9 + payload size; never 0 (0 = no record here)
 *   8       8             sequence  1, 2, 3, ... without gaps
 *   16      1             type      0x01 put, 0x02 delete, 0x03 batch
 *   17      length - 9    payload
 * </pre>
 *
 * Example: {@code #1 put "a" "hi"} is the 28 bytes
 * {@code 4c9600ea 00000014 0000000000000001 01 00000001 61 00000002 6869}.
 *
 * <h2>Why these choices</h2>
 * <ul>
 *   <li><b>The checksum covers the length</b>: a damaged length is caught by the checksum like any other byte. In
 *       LevelDB's log the CRC covers type and data only, and the length is checked by the block structure instead.
 *   <li><b>CRC32C</b> (Castagnoli), not CRC32: it detects more error patterns, and CPUs compute it in hardware
 *       (SSE 4.2, ARMv8), which {@link CRC32C} uses. LevelDB and RocksDB also "mask" the stored CRC, so that a CRC
 *       of data that itself holds CRCs stays strong; we store it plain.
 *   <li><b>A zero length is never valid</b>: segments are preallocated with zeros, so the end of the data is the
 *       first zero header, and a record can never be mistaken for the end or the end for a record.
 *   <li><b>No fragments</b>: a record never spans segments, so a segment can be read (or deleted) alone. LevelDB
 *       splits records into FIRST/MIDDLE/LAST fragments across 32 KiB blocks instead, which lets it resynchronise
 *       after damage at the next block boundary; we scan forward byte by byte ({@link SegmentReader#nextValid}).
 * </ul>
 */
final class RecordCodec {
    /** Bytes of the frame before the payload: crc 4, length 4, sequence 8, type 1. */
    static final int HEADER_BYTES = 17;
    /** Bytes from the start of a record to the first byte its {@code length} counts: crc 4, length 4. */
    static final int PREFIX_BYTES = 8;
    /** The smallest valid {@code length}: a sequence number and a type byte, with an empty payload. */
    static final int MIN_LENGTH = HEADER_BYTES - PREFIX_BYTES;

    private RecordCodec() {
    }

    /** The size in bytes of {@code operation}'s record, header included. */
    static long size(Operation operation) {
        // @scaffold-begin m2: The 17-byte header plus the payload's size.
        return (long) HEADER_BYTES + PayloadCodec.size(operation);
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): RecordCodec.size, see LESSON.md step 1");
        // @scaffold-end
    }

    /**
     * {@code operation}'s record with its sequence number and checksum still zero: everything a writer can prepare
     * before it holds the log's lock. {@link #seal} fills in the rest once the sequence number is known.
     *
     * @return a buffer positioned at 0 whose limit is the record's size
     */
    static ByteBuffer frame(Operation operation) {
        // @scaffold-begin m2: Allocate the whole record; put the length at offset 4, the type at 16 and the payload from 17 (PayloadCodec.write); sequence and crc stay 0.
        int payload = PayloadCodec.size(operation);
        ByteBuffer record = ByteBuffer.allocate(HEADER_BYTES + payload);
        record.putInt(4, MIN_LENGTH + payload);
        record.put(16, operation.type());
        record.position(HEADER_BYTES);
        PayloadCodec.write(operation, record);
        assert !record.hasRemaining() : record;
        return record.flip();
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): RecordCodec.frame, see LESSON.md step 1");
        // @scaffold-end
    }

    /**
     * Stamps {@code sequence} into a {@linkplain #frame framed} record, then its checksum. The checksum covers the
     * sequence number, which is why it is computed here, under the log's lock, rather than in {@link #frame}.
     */
    static void seal(ByteBuffer record, long sequence) {
        // @scaffold-begin m2: Write the sequence number at offset 8, then the CRC32C of bytes 4 to the end at offset 0.
        record.putLong(8, sequence);
        record.putInt(0, checksum(record, record.position(), record.remaining()));
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): RecordCodec.seal, see LESSON.md step 1");
        // @scaffold-end
    }

    /** {@code operation} as the record with sequence number {@code sequence}. */
    static ByteBuffer encode(long sequence, Operation operation) {
        // @scaffold-begin m2: Frame the operation, then seal it with the sequence number.
        ByteBuffer record = frame(operation);
        seal(record, sequence);
        return record;
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): RecordCodec.encode, see LESSON.md step 1");
        // @scaffold-end
    }

    /**
     * Decodes the record that starts at {@code bytes}' position. {@code bytes} must hold the whole record, or, if
     * the segment ends first, everything up to the end of the segment. {@code bytes}' position is not moved.
     */
    static Frame decode(ByteBuffer bytes) {
        // @scaffold-begin m2: End for a zero header (or a short all-zero rest); Valid if the length fits, the CRC matches and the payload parses; otherwise Damaged, saying why. Never throw.
        int start = bytes.position();
        int available = bytes.remaining();
        if (available < HEADER_BYTES) {
            return isZero(bytes, start, available) ? new Frame.End() : new Frame.Damaged("only " + available
                    + " bytes before the end of the segment, fewer than the " + HEADER_BYTES + " of a header");
        }
        int stored = bytes.getInt(start);
        long length = Integer.toUnsignedLong(bytes.getInt(start + 4));
        if (stored == 0 && length == 0) {
            return new Frame.End();
        }
        if (length < MIN_LENGTH) {
            return new Frame.Damaged("length " + length + " is less than " + MIN_LENGTH
                    + " (a sequence number and a type byte)");
        }
        if (PREFIX_BYTES + length > available) {
            return new Frame.Damaged("length " + length + " runs past the end of the segment (" + available
                    + " bytes left)");
        }
        int size = (int) (PREFIX_BYTES + length);
        int computed = checksum(bytes, start, size);
        if (computed != stored) {
            return new Frame.Damaged(String.format("checksum mismatch: stored 0x%08x, computed 0x%08x", stored,
                    computed));
        }
        long sequence = bytes.getLong(start + 8);
        if (sequence < 1) {
            return new Frame.Damaged("sequence number " + sequence + " (they start at 1)");
        }
        ByteBuffer payload = bytes.duplicate().position(start + HEADER_BYTES).limit(start + size);
        try {
            Operation operation = PayloadCodec.read(bytes.get(start + 16), payload);
            return new Frame.Valid(new LogRecord(sequence, operation), size);
        } catch (PayloadCodec.MalformedPayloadException e) {
            return new Frame.Damaged("the checksum matches but the payload is malformed: " + e.getMessage());
        }
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): RecordCodec.decode, see LESSON.md step 1");
        // @scaffold-end
    }

    /**
     * Whether {@code record}, a whole record's bytes, is intact: its length field accounts for every byte, its checksum
     * matches and its sequence number is valid. A read's shortcut past {@link #decode}: the same checks on the bytes
     * where they lie, building nothing, for a caller that then reads the payload in place ({@link
     * PayloadCodec#putValue}). Damage makes it false, and the caller then decodes in full to say what is wrong.
     */
    static boolean isIntact(byte[] record) {
        ByteBuffer bytes = ByteBuffer.wrap(record);
        return record.length >= HEADER_BYTES
                && bytes.getInt(4) == record.length - PREFIX_BYTES
                && bytes.getInt(0) == checksum(bytes, 0, record.length)
                && bytes.getLong(8) >= 1;
    }

    /** CRC32C of bytes {@code [start + 4, start + size)}: everything of the record after its crc field. */
    static int checksum(ByteBuffer bytes, int start, int size) {
        // @scaffold-begin m2: CRC32C (java.util.zip) of the record's bytes after its crc field; the checksum is the low 32 bits.
        CRC32C crc = new CRC32C();
        crc.update(bytes.duplicate().position(start + 4).limit(start + size));
        return (int) crc.getValue();
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): RecordCodec.checksum, see LESSON.md step 1");
        // @scaffold-end
    }

    /** Whether the {@code length} bytes of {@code bytes} from absolute index {@code start} are all zero. */
    static boolean isZero(ByteBuffer bytes, int start, int length) {
        // @scaffold-begin m2: True if every byte in the range is zero.
        for (int i = start; i < start + length; i++) {
            if (bytes.get(i) != 0) {
                return false;
            }
        }
        return true;
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): RecordCodec.isZero, see LESSON.md step 1");
        // @scaffold-end
    }
}
