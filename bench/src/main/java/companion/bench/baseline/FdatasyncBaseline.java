package companion.bench.baseline;

import companion.api.Durability;
import companion.api.KeyValueStore;
import companion.api.StorageException;
import companion.bench.engine.Engine;
import companion.bench.engine.EngineSettings;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Optional;

/**
 * The durable-write floor, named {@code fdatasync}: each put appends one record to a preallocated file and calls
 * {@code FileChannel.force(false)} (fdatasync) before returning. No index, no checksum, no lock beyond the one that
 * keeps appends in order: what remains is the cost of one positional write and one fdatasync on this disk, which
 * the reference's {@code sync} writer is asked to come within 10 % of.
 *
 * <h2>Same bytes as the reference</h2>
 * A put record is as long as the reference's write-ahead-log put record (docs/formats/wal.md):
 * <pre>
 *   crc:u32 length:u32 sequence:u64 type:u8 keyLength:u32 key valueLength:u32 value     25 + key + value bytes
 * </pre>
 * with the same fields filled in except the CRC, left zero: computing CRC32C over 141 bytes costs nanoseconds
 * beside a disk round trip, and leaving it out keeps the floor a floor. A delete is the record without its value.
 *
 * <h2>Same file layout as the reference</h2>
 * The file is preallocated with zeros to {@link #FILE_BYTES} and forced, with its directory, before the first
 * append (at open, untimed), so an append never changes the file's size and fdatasync has no metadata to write.
 * When a file is full the next one is preallocated, as the reference starts a new segment.
 *
 * <h2>Durability</h2>
 * Only {@code sync}. At {@code none} it would measure {@code write(2)} alone, which no target compares with, and
 * at {@code group} it would not be a single writer: both are refused with a reason.
 */
public final class FdatasyncBaseline implements Engine {
    private static final String NAME = "fdatasync";
    /** Size of each preallocated file, as the reference's default segment ({@code LogOptions}). */
    static final int FILE_BYTES = 16 << 20;
    /** crc, length, sequence, type: the reference's record header. */
    static final int HEADER_BYTES = 4 + 4 + 8 + 1;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public EngineSettings settings(Durability durability) {
        return switch (durability) {
            case NONE -> EngineSettings.notHonoured(NAME, durability.word(), "the floor of durable writes: without"
                    + " an fsync it would time write(2) alone, so it runs at sync only");
            case GROUP -> EngineSettings.notHonoured(NAME, durability.word(), "a single writer by definition: it is"
                    + " the sync writer's floor, and group commit is compared with that writer");
            case SYNC -> EngineSettings.honoured(NAME, durability.word(), EngineSettings.ordered(
                    "fsync", "FileChannel.force(false) (fdatasync) after every append",
                    "file", "preallocated with zeros (16 MiB, as the reference's segments) and forced at open;"
                            + " positional writes",
                    "record", "25 + key + value bytes, as the reference's log record; no checksum computed",
                    "index", "none: a get is refused (a floor, not a store)"));
        };
    }

    @Override
    public KeyValueStore open(Path dir, Durability durability) {
        settings(durability).requireHonoured();
        try {
            return new Log(dir);
        } catch (IOException e) {
            throw new StorageException("cannot preallocate the fdatasync baseline's file in " + dir, e);
        }
    }

    /** The append-only file. Appends take turns on the object's monitor: one writer at a time, in order. */
    private static final class Log implements KeyValueStore {
        private final Path dir;
        /** Guarded by this; null once closed. */
        private FileChannel file;
        /** Guarded by this: where the next record goes, and its sequence number. */
        private long position;
        private long sequence;
        private int files;

        Log(Path dir) throws IOException {
            this.dir = dir;
            this.file = preallocate(dir, 0);
        }

        @Override
        public Optional<String> get(String key) {
            Objects.requireNonNull(key, "key is null");
            throw new UnsupportedOperationException("the fdatasync baseline only appends: it has no index to read");
        }

        @Override
        public void put(String key, String value) {
            Objects.requireNonNull(value, "value is null");
            append((byte) 1, key, value.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void delete(String key) {
            append((byte) 2, key, null);
        }

        private synchronized void append(byte type, String key, byte[] value) {
            Objects.requireNonNull(key, "key is null");
            if (file == null) {
                throw new IllegalStateException("the fdatasync baseline is closed");
            }
            byte[] k = key.getBytes(StandardCharsets.UTF_8);
            int size = HEADER_BYTES + 4 + k.length + (value == null ? 0 : 4 + value.length);
            ByteBuffer record = ByteBuffer.allocate(size);
            record.putInt(0).putInt(size - 8).putLong(++sequence).put(type).putInt(k.length).put(k);
            if (value != null) {
                record.putInt(value.length).put(value);
            }
            record.flip();
            try {
                if (position + size > FILE_BYTES) { // full: as the reference rolls to a new segment
                    file.force(false);
                    file.close();
                    file = preallocate(dir, ++files);
                    position = 0;
                }
                while (record.hasRemaining()) {
                    position += file.write(record, position);
                }
                file.force(false);
            } catch (IOException e) {
                throw new StorageException("fdatasync baseline: append failed in " + dir, e);
            }
        }

        @Override
        public synchronized void close() {
            if (file == null) {
                return;
            }
            try {
                file.close();
            } catch (IOException e) {
                throw new StorageException("fdatasync baseline: close failed in " + dir, e);
            } finally {
                file = null;
            }
        }

        /** A new file of {@link #FILE_BYTES} zeros, forced with its size, and the directory entry forced too. */
        private static FileChannel preallocate(Path dir, int number) throws IOException {
            FileChannel channel = FileChannel.open(dir.resolve(String.format("%08d.log", number)),
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
            try {
                ByteBuffer zeros = ByteBuffer.allocate(1 << 20);
                for (long at = 0; at < FILE_BYTES; at += zeros.capacity()) {
                    zeros.clear();
                    while (zeros.hasRemaining()) {
                        channel.write(zeros, at + zeros.position());
                    }
                }
                channel.force(true);
                try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
                    directory.force(true);
                }
                return channel;
            } catch (IOException e) {
                channel.close();
                throw e;
            }
        }
    }
}
