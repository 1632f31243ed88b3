package companion.database.storage.wal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The payload of a log record: an {@link Operation} as bytes. The frame around it (checksum, length, sequence
 * number, type) is {@link RecordCodec}'s. Grammar (docs/formats/wal.md), integers big-endian:
 *
 * <pre>
 *   put-payload     := keyLength:u32 key:byte[keyLength] valueLength:u32 value:byte[valueLength]
 *   delete-payload  := keyLength:u32 key:byte[keyLength]
 *   batch-payload   := count:u32 entry*count
 *   entry           := 0x01 put-payload | 0x02 delete-payload
 * </pre>
 *
 * Example: the payload of {@code put "a" "hi"} is the 11 bytes {@code 00000001 61 00000002 6869}.
 *
 * <p>A payload must be consumed exactly: bytes left over are as wrong as bytes missing. Both can only come from a
 * bug or from damage that the checksum happened not to catch (a 1 in 2<sup>32</sup> chance), so decoding checks
 * every length against what is left before allocating: a damaged length must not become a 2 GiB array.
 */
final class PayloadCodec {
    private PayloadCodec() {
    }

    /** A payload that does not follow the grammar; the reader turns it into a damaged record. */
    static final class MalformedPayloadException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MalformedPayloadException(String message) {
            super(message);
        }
    }

    /** The payload's size in bytes. */
    static int size(Operation operation) {
        // @scaffold-begin m2: Count the payload's bytes as the grammar lays them out: 4 per length, plus a type byte per batch entry.
        if (operation instanceof Operation.Put put) {
            return 4 + put.key().length + 4 + put.value().length;
        }
        if (operation instanceof Operation.Delete delete) {
            return 4 + delete.key().length;
        }
        int size = 4;
        for (Operation entry : ((Operation.Batch) operation).operations()) {
            size += 1 + size(entry);
        }
        return size;
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): PayloadCodec.size, see LESSON.md step 1");
        // @scaffold-end
    }

    /** Writes the payload of {@code operation} at {@code target}'s position. Requires: {@code size(operation)} fits. */
    static void write(Operation operation, ByteBuffer target) {
        // @scaffold-begin m2: Put each key and value after its u32 length; a batch is its count, then each entry's type byte and payload.
        if (operation instanceof Operation.Put put) {
            target.putInt(put.key().length).put(put.key());
            target.putInt(put.value().length).put(put.value());
        } else if (operation instanceof Operation.Delete delete) {
            target.putInt(delete.key().length).put(delete.key());
        } else {
            List<Operation> entries = ((Operation.Batch) operation).operations();
            target.putInt(entries.size());
            for (Operation entry : entries) {
                target.put(entry.type());
                write(entry, target);
            }
        }
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): PayloadCodec.write, see LESSON.md step 1");
        // @scaffold-end
    }

    /**
     * Reads the payload in {@code payload} (from its position to its limit) as an operation of record type
     * {@code type}.
     *
     * @throws MalformedPayloadException if the type is unknown or the bytes do not follow the grammar
     */
    static Operation read(byte type, ByteBuffer payload) {
        // @scaffold-begin m2: Read one operation of this type, then insist the payload is used up exactly: bytes left over are malformed too.
        Operation operation = readOne(type, payload, true);
        if (payload.hasRemaining()) {
            throw new MalformedPayloadException(payload.remaining() + " bytes left over after the payload");
        }
        return operation;
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): PayloadCodec.read, see LESSON.md step 1");
        // @scaffold-end
    }

    /**
     * The value in {@code payload}, a put-payload filling the array from {@code start} to its end, if its key is
     * {@code key}; empty if it is another key. A get's shortcut past {@link #read}: it compares the key in place and
     * allocates only the value. Requires: the record passed {@link RecordCodec#isIntact}; lengths that do not add
     * up (damage the checksum happened to miss) are a {@link MalformedPayloadException}.
     */
    static Optional<byte[]> putValue(byte[] payload, int start, byte[] key) {
        int valueAt = valueStart(payload, start);
        int keyAt = start + 4;
        boolean matches = valueAt - 4 - keyAt == key.length
                && Arrays.equals(payload, keyAt, keyAt + key.length, key, 0, key.length);
        return matches ? Optional.of(Arrays.copyOfRange(payload, valueAt, payload.length)) : Optional.empty();
    }

    /** The key of the put-payload filling {@code payload} from {@code start}. Requires: as {@link #putValue}. */
    static byte[] putKey(byte[] payload, int start) {
        return Arrays.copyOfRange(payload, start + 4, valueStart(payload, start) - 4);
    }

    /** Where the value of the put-payload filling {@code payload} from {@code start} begins, lengths checked. */
    private static int valueStart(byte[] payload, int start) {
        ByteBuffer in = ByteBuffer.wrap(payload);
        long keyLength = start + 4 <= payload.length ? Integer.toUnsignedLong(in.getInt(start)) : -1;
        long valueAt = start + 4 + keyLength + 4;
        if (keyLength < 0 || valueAt > payload.length
                || Integer.toUnsignedLong(in.getInt((int) valueAt - 4)) != payload.length - valueAt) {
            throw new MalformedPayloadException("the lengths of the put at " + start + " do not add up to its "
                    + (payload.length - start) + " bytes");
        }
        return (int) valueAt;
    }

    private static Operation readOne(byte type, ByteBuffer in, boolean batchAllowed) {
        // @scaffold-begin m2: Decode a put, a delete or a batch of entries (no batch inside a batch); an unknown type is a MalformedPayloadException.
        switch (type) {
            case Operation.PUT:
                return new Operation.Put(readBytes(in, "key"), readBytes(in, "value"));
            case Operation.DELETE:
                return new Operation.Delete(readBytes(in, "key"));
            case Operation.BATCH:
                if (!batchAllowed) {
                    throw new MalformedPayloadException("a batch inside a batch");
                }
                int count = readLength(in, "batch count");
                if (count > in.remaining() / 5) { // every entry takes at least 5 bytes
                    throw new MalformedPayloadException("a batch of " + count + " entries cannot fit in "
                            + in.remaining() + " bytes");
                }
                List<Operation> entries = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    if (!in.hasRemaining()) {
                        throw new MalformedPayloadException("the batch ends after " + i + " of " + count + " entries");
                    }
                    entries.add(readOne(in.get(), in, false));
                }
                return new Operation.Batch(entries);
            default:
                throw new MalformedPayloadException(String.format(
                        "unknown type 0x%02x (expected 0x01 put, 0x02 delete or 0x03 batch)", type & 0xff));
        }
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): PayloadCodec.readOne, see LESSON.md step 1");
        // @scaffold-end
    }

    private static byte[] readBytes(ByteBuffer in, String what) {
        // @scaffold-begin m2: Read a u32 length and that many bytes, checking the length against what is left before allocating.
        int length = readLength(in, what + " length");
        if (length > in.remaining()) {
            throw new MalformedPayloadException("a " + what + " of " + length + " bytes runs past the payload ("
                    + in.remaining() + " bytes left)");
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): PayloadCodec.readBytes, see LESSON.md step 1");
        // @scaffold-end
    }

    private static int readLength(ByteBuffer in, String what) {
        // @scaffold-begin m2: Read a u32 length; fewer than 4 bytes left, or a negative length, is a MalformedPayloadException.
        if (in.remaining() < 4) {
            throw new MalformedPayloadException("the payload ends inside the " + what);
        }
        int length = in.getInt();
        if (length < 0) {
            throw new MalformedPayloadException("negative " + what + ": " + length);
        }
        return length;
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): PayloadCodec.readLength, see LESSON.md step 1");
        // @scaffold-end
    }
}
