package companion.database.storage.wal;

import companion.api.WriteBatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What the storage engine asks the log to remember: a {@link Put}, a {@link Delete}, or a {@link Batch} of them
 * that must survive a crash together. The log gives each a sequence number and hands it back on recovery as a
 * {@link LogRecord}; how an operation becomes bytes is {@link PayloadCodec}'s business, not the engine's.
 *
 * <pre>{@code
 * long seq = log.append(new Operation.Put(key, value));
 * log.append(Operation.Batch.of(new WriteBatch().put(a, x).delete(b)));   // one record: atomic
 * }</pre>
 *
 * <p>The byte arrays are not copied (copying every value on the write path would cost as much as writing it):
 * Requires: the caller does not change an array while the operation is in use. Equality compares contents.
 *
 * <p>Canonical text, used by tests and {@code companion dump}: {@code put "k" "v"}, {@code delete "k"},
 * {@code batch [put "a" "1", delete "b"]}. Printable ASCII shows as itself, any other byte as {@code \xNN}.
 */
public sealed interface Operation permits Operation.Put, Operation.Delete, Operation.Batch {

    /** Record type byte of a {@link Put} (docs/formats/wal.md). */
    byte PUT = 0x01;
    /** Record type byte of a {@link Delete}. */
    byte DELETE = 0x02;
    /** Record type byte of a {@link Batch}. Zero is never a type, so a zero-filled tail is no record. */
    byte BATCH = 0x03;

    /** This operation's record type byte. */
    byte type();

    /** "From now on, {@code key} maps to {@code value}." */
    record Put(byte[] key, byte[] value) implements Operation {
        public Put {
            Objects.requireNonNull(key, "key is null");
            Objects.requireNonNull(value, "value is null");
        }

        @Override
        public byte type() {
            return PUT;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Put p && Arrays.equals(key, p.key) && Arrays.equals(value, p.value);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(key) + Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "put " + render(key) + " " + render(value);
        }
    }

    /** "From now on, {@code key} has no value." */
    record Delete(byte[] key) implements Operation {
        public Delete {
            Objects.requireNonNull(key, "key is null");
        }

        @Override
        public byte type() {
            return DELETE;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Delete d && Arrays.equals(key, d.key);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(key);
        }

        @Override
        public String toString() {
            return "delete " + render(key);
        }
    }

    /**
     * Puts and deletes applied all together or, after a crash, not at all. The whole batch is one log record with
     * one checksum, so recovery either reads all of it or drops all of it: atomicity costs nothing extra.
     *
     * <p>Simplification against LevelDB and RocksDB: there a batch of n operations takes n sequence numbers (every
     * entry of the memtable needs its own); here the batch takes one.
     */
    record Batch(List<Operation> operations) implements Operation {
        /** @throws IllegalArgumentException if an operation is itself a batch (batches do not nest) */
        public Batch {
            operations = List.copyOf(operations); // also rejects null elements
            for (Operation operation : operations) {
                if (operation instanceof Batch) {
                    throw new IllegalArgumentException("a batch cannot contain a batch: " + operation);
                }
            }
        }

        /** The operations of an api {@link WriteBatch}, in order (its arrays are already copies). */
        public static Batch of(WriteBatch batch) {
            List<Operation> operations = new ArrayList<>(batch.size());
            for (WriteBatch.Operation op : batch.operations()) {
                operations.add(op.isDelete() ? new Delete(op.key()) : new Put(op.key(), op.value()));
            }
            return new Batch(operations);
        }

        @Override
        public byte type() {
            return BATCH;
        }

        @Override
        public String toString() {
            return "batch " + operations;
        }
    }

    /** The canonical text of a byte string: {@code "a\x00b"}. */
    private static String render(byte[] bytes) {
        StringBuilder text = new StringBuilder(bytes.length + 2).append('"');
        for (byte b : bytes) {
            if (b >= 0x20 && b < 0x7f && b != '"' && b != '\\') {
                text.append((char) b);
            } else {
                text.append(String.format("\\x%02x", b & 0xff));
            }
        }
        return text.append('"').toString();
    }
}
