package companion.course.mutants;

import companion.api.WriteBatch.Operation;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * The bytes of {@link FlawedEngine}'s log: one record per batch (a put or a delete is a batch of one), so a batch
 * is all there or not at all. Big-endian, like every format of the course.
 *
 * <pre>
 *   log     := record*                            a torn last record is cut off on open
 *   record  := crc:u32 length:u32 payload         length = bytes of payload, {@value #MIN_PAYLOAD} or more
 *   crc     := CRC-32C of length and payload      a damaged length is caught like any other byte
 *   payload := count:u16 op^count                 count 1..65535
 *   op      := keyLength:u16 key valueLength:i32 value?      valueLength -1: a delete, no value bytes
 * </pre>
 *
 * Worked example, {@code put "a" "hi"}: 19 bytes, and values are stored raw, so a test can find a record on disk by
 * searching the file for its value's bytes.
 * <pre>
 *   offset  bytes          field
 *   0       68 e8 2d a1    crc          CRC-32C of bytes 4..18
 *   4       00 00 00 0b    length       11
 *   8       00 01          count        1
 *   10      00 01 61       keyLength 1, key "a"
 *   13      00 00 00 02    valueLength  2
 *   17      68 69          value        "hi"
 * </pre>
 *
 * <p>Simpler than the reference's log ({@code docs/formats/wal.md}): no sequence numbers and no segments, and a
 * record that is cut short or fails its checksum with nothing after it is taken for a torn write. So a damaged
 * length that points past the end of the file looks like a torn tail too, and everything after it is dropped;
 * the reference tells the two apart by searching for a valid record further on.
 */
final class RecordCodec {
    /** crc and length. */
    static final int HEADER = 8;
    /** The smallest payload: a count and one delete of a one-byte key. */
    static final int MIN_PAYLOAD = 2 + 2 + 1 + 4;

    /** How a replay ended. */
    enum Ending {
        /** Every byte of the file was a whole, valid record. */
        CLEAN,
        /** The last record is cut short or fails its checksum, and nothing follows it: a write a crash stopped. */
        TORN,
        /** A record fails its checksum (or is malformed) and more bytes follow: the file was damaged. */
        DAMAGED
    }

    /**
     * What {@link #replay} found.
     *
     * @param end    offset just after the last valid record: where the next append belongs
     * @param ending why the replay stopped there
     * @param why    for {@link Ending#TORN} and {@link Ending#DAMAGED}, what is wrong with the record at {@code end}
     */
    record Replay(long end, Ending ending, String why) {
    }

    private RecordCodec() {
    }

    /**
     * One record holding {@code ops}, ready to write.
     *
     * @throws IllegalArgumentException when there are no ops or more than 65535, or a key is longer than 65535 bytes
     */
    static ByteBuffer encode(List<Operation> ops) {
        if (ops.isEmpty() || ops.size() > 0xFFFF) {
            throw new IllegalArgumentException("a record holds 1..65535 operations, not " + ops.size());
        }
        int size = 2;
        for (Operation op : ops) {
            if (op.key().length > 0xFFFF) {
                throw new IllegalArgumentException("a key is at most 65535 bytes, not " + op.key().length);
            }
            size += 2 + op.key().length + 4 + (op.isDelete() ? 0 : op.value().length);
        }
        ByteBuffer record = ByteBuffer.allocate(HEADER + size);
        record.position(4);
        record.putInt(size).putShort((short) ops.size());
        for (Operation op : ops) {
            record.putShort((short) op.key().length).put(op.key()).putInt(op.isDelete() ? -1 : op.value().length);
            if (!op.isDelete()) {
                record.put(op.value());
            }
        }
        record.putInt(0, crc(record.slice(4, 4 + size)));
        return record.flip();
    }

    /**
     * Hands the operations of each valid record of {@code file}, from its position on, to {@code apply}, until the
     * end of the file or the first record that is not valid.
     *
     * @param verify whether to check checksums (only a deliberately broken engine skips it)
     */
    static Replay replay(ByteBuffer file, boolean verify, Consumer<List<Operation>> apply) {
        while (file.hasRemaining()) {
            int start = file.position();
            int remaining = file.remaining();
            if (remaining < HEADER) {
                return new Replay(start, Ending.TORN, "the header ends after " + remaining + " of its 8 bytes");
            }
            int length = file.getInt(start + 4);
            if (length < MIN_PAYLOAD || length > remaining - HEADER) {
                return new Replay(start, Ending.TORN, "length " + length + " does not fit the " + (remaining - HEADER)
                        + " bytes that follow the header");
            }
            int end = start + HEADER + length;
            int stored = file.getInt(start);
            int computed = crc(file.slice(start + 4, 4 + length));
            if (verify && stored != computed) {
                String why = String.format("checksum mismatch: stored 0x%08x, computed 0x%08x", stored, computed);
                return end == file.limit() ? new Replay(start, Ending.TORN, why + ", and it is the last record")
                        : new Replay(start, Ending.DAMAGED, why + "; " + (file.limit() - end)
                        + " bytes follow, so this is damage, not a torn write");
            }
            List<Operation> ops;
            try {
                ops = decode(file.slice(start + HEADER, length));
            } catch (BufferUnderflowException | IllegalArgumentException e) {
                return new Replay(start, Ending.DAMAGED, "malformed payload: "
                        + (e.getMessage() == null ? "it ends early" : e.getMessage()));
            }
            apply.accept(ops);
            file.position(end);
        }
        return new Replay(file.position(), Ending.CLEAN, "");
    }

    private static List<Operation> decode(ByteBuffer payload) {
        int count = payload.getShort() & 0xFFFF;
        if (count == 0) {
            throw new IllegalArgumentException("a count of 0 operations");
        }
        List<Operation> ops = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] key = new byte[payload.getShort() & 0xFFFF];
            if (key.length == 0) {
                throw new IllegalArgumentException("operation " + i + " has an empty key");
            }
            payload.get(key);
            int valueLength = payload.getInt();
            if (valueLength < -1 || valueLength > payload.remaining()) {
                throw new IllegalArgumentException("operation " + i + " has value length " + valueLength + " with "
                        + payload.remaining() + " bytes left");
            }
            byte[] value = valueLength < 0 ? null : new byte[valueLength];
            if (value != null) {
                payload.get(value);
            }
            ops.add(new Operation(key, value));
        }
        if (payload.hasRemaining()) {
            throw new IllegalArgumentException(payload.remaining() + " bytes are left over after " + count
                    + " operations");
        }
        return ops;
    }

    private static int crc(ByteBuffer bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return (int) crc.getValue();
    }
}
