package companion.course.crash;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import companion.api.Durability;
import companion.api.StorageEngine;
import companion.api.WriteBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * A small storage engine for testing the crash harness, not a model of a good one: one append-only file, one
 * record per write (a batch is one record, so it is atomic), replayed into a hash map on open.
 *
 * <pre>
 *   log     := record*                              a torn or damaged tail is cut off on open
 *   record  := length:u32 crc:u32 payload           crc = CRC-32 of payload, length = its bytes
 *   payload := count:u16 (keyLen:u16 key valueLen:i32 value?)^count     valueLen -1 = delete
 * </pre>
 *
 * <pre>{@code
 * try (StorageEngine e = FileLogEngine.open(dir, Durability.SYNC)) { e.put(k, v); }   // correct
 * FileLogEngine.openBuffering(dir, Durability.SYNC);   // broken on purpose: acknowledges before writing
 * FileLogEngine.openSplittingBatches(dir, Durability.SYNC);   // broken on purpose: batches are not atomic
 * }</pre>
 *
 * <p>{@link #open} writes each record with one append and, under sync and group, forces it before returning.
 * The two other openers each add one {@link Flaw} that the crash test must catch. Group commit is treated as sync.
 */
public final class FileLogEngine implements StorageEngine {
    /** How many acknowledged records {@link Flaw#ACK_BEFORE_WRITE} keeps in memory before writing them. */
    static final int HELD_RECORDS = 16;

    /** What is wrong with the engine on purpose. */
    enum Flaw {
        /** Nothing: the correct engine. */
        NONE,
        /** Acknowledges writes and keeps them in memory; writes them {@value #HELD_RECORDS} at a time. */
        ACK_BEFORE_WRITE,
        /** Writes (and forces) each operation of a batch as its own record: a kill can land between them. */
        SPLIT_BATCHES
    }

    private final Path dir;
    private final Durability durability;
    private final Flaw flaw;
    private final Map<String, byte[]> map = new HashMap<>();
    private final List<ByteBuffer> pending = new ArrayList<>();
    private FileChannel log;

    private FileLogEngine(Path dir, Durability durability, Flaw flaw) {
        this.dir = dir;
        this.durability = durability;
        this.flaw = flaw;
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(dir.resolve("log.compacting")); // a compaction the kill interrupted
            log = FileChannel.open(dir.resolve("log"), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            log.truncate(replay(ByteBuffer.wrap(Files.readAllBytes(dir.resolve("log")))));
            log.position(log.size());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + dir, e);
        }
    }

    /** The correct engine. */
    public static FileLogEngine open(Path dir, Durability durability) {
        return new FileLogEngine(dir, durability, Flaw.NONE);
    }

    /** A broken engine: acknowledges writes it has not written yet ({@link Flaw#ACK_BEFORE_WRITE}). */
    public static FileLogEngine openBuffering(Path dir, Durability durability) {
        return new FileLogEngine(dir, durability, Flaw.ACK_BEFORE_WRITE);
    }

    /** A broken engine: batches are not atomic ({@link Flaw#SPLIT_BATCHES}). */
    public static FileLogEngine openSplittingBatches(Path dir, Durability durability) {
        return new FileLogEngine(dir, durability, Flaw.SPLIT_BATCHES);
    }

    /** Applies every whole record; returns the offset where the valid log ends. */
    private long replay(ByteBuffer file) {
        while (file.remaining() >= 8) {
            int start = file.position();
            int length = file.getInt();
            long crc = file.getInt() & 0xFFFF_FFFFL;
            if (length < 2 || length > file.remaining()) {
                return start;
            }
            ByteBuffer payload = file.slice(file.position(), length);
            CRC32 actual = new CRC32();
            actual.update(payload.duplicate());
            if (actual.getValue() != crc) {
                return start;
            }
            file.position(file.position() + length);
            for (int n = payload.getShort() & 0xFFFF; n > 0; n--) {
                byte[] key = new byte[payload.getShort() & 0xFFFF];
                payload.get(key);
                int valueLength = payload.getInt();
                if (valueLength < 0) {
                    map.remove(name(key));
                } else {
                    byte[] value = new byte[valueLength];
                    payload.get(value);
                    map.put(name(key), value);
                }
            }
        }
        return file.position();
    }

    @Override
    public synchronized Optional<byte[]> get(byte[] key) {
        return Optional.ofNullable(map.get(name(key))).map(byte[]::clone);
    }

    @Override
    public void put(byte[] key, byte[] value) {
        write(new WriteBatch().put(key, value));
    }

    @Override
    public void delete(byte[] key) {
        write(new WriteBatch().delete(key));
    }

    @Override
    public synchronized void write(WriteBatch batch) {
        if (flaw == Flaw.SPLIT_BATCHES && batch.size() > 1) {
            for (WriteBatch.Operation op : batch.operations()) {
                write(op.isDelete() ? new WriteBatch().delete(op.key()) : new WriteBatch().put(op.key(), op.value()));
            }
            return;
        }
        pending.add(encode(batch));
        if (pending.size() > (flaw == Flaw.ACK_BEFORE_WRITE ? HELD_RECORDS : 0)) {
            writePending(durability != Durability.NONE);
        }
        for (WriteBatch.Operation op : batch.operations()) {
            if (op.isDelete()) {
                map.remove(name(op.key()));
            } else {
                map.put(name(op.key()), op.value().clone());
            }
        }
    }

    private static ByteBuffer encode(WriteBatch batch) {
        int size = 2;
        for (WriteBatch.Operation op : batch.operations()) {
            size += 6 + op.key().length + (op.isDelete() ? 0 : op.value().length);
        }
        ByteBuffer payload = ByteBuffer.allocate(size).putShort((short) batch.size());
        for (WriteBatch.Operation op : batch.operations()) {
            payload.putShort((short) op.key().length).put(op.key()).putInt(op.isDelete() ? -1 : op.value().length);
            if (!op.isDelete()) {
                payload.put(op.value());
            }
        }
        CRC32 crc = new CRC32();
        crc.update(payload.flip().duplicate());
        return ByteBuffer.allocate(8 + size).putInt(size).putInt((int) crc.getValue()).put(payload).flip();
    }

    /** Rewrites the live entries into a new log and swaps it in: exercises the writer's compaction path. */
    public synchronized void compact() {
        writePending(true);
        Path next = dir.resolve("log.compacting");
        try (FileChannel out = FileChannel.open(next, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (Map.Entry<String, byte[]> e : map.entrySet()) {
                ByteBuffer record = encode(new WriteBatch().put(e.getKey().getBytes(ISO_8859_1), e.getValue()));
                while (record.hasRemaining()) {
                    out.write(record);
                }
            }
            out.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compact " + dir, e);
        }
        try {
            log.close();
            Files.move(next, dir.resolve("log"), StandardCopyOption.ATOMIC_MOVE);
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true); // the rename itself must survive a crash
            }
            log = FileChannel.open(dir.resolve("log"), StandardOpenOption.READ, StandardOpenOption.WRITE);
            log.position(log.size());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot swap in the compacted log of " + dir, e);
        }
    }

    @Override
    public List<Entry> scan(byte[] prefix) {
        throw new UnsupportedOperationException("the crash harness does not scan");
    }

    @Override
    public synchronized void flush() {
        writePending(true);
    }

    @Override
    public synchronized void close() {
        writePending(true);
        try {
            log.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + dir, e);
        }
    }

    private void writePending(boolean force) {
        try {
            for (ByteBuffer record : pending) {
                while (record.hasRemaining()) {
                    log.write(record);
                }
            }
            pending.clear();
            if (force) {
                log.force(false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve("log"), e);
        }
    }

    private static String name(byte[] key) {
        return new String(key, ISO_8859_1);
    }
}
