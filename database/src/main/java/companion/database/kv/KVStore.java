package companion.database.kv;

import companion.api.Durability;
import companion.api.KeyValueStore;
import companion.api.StorageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Milestone 1's persistent key-value store: a hash map in memory, and an append-only log on disk that every
 * change is written to before it is applied to the map.
 *
 * <pre>{@code
 * try (KVStore store = KVStore.open(Path.of("data.kv"))) {
 *     store.put("user:1", "alice");
 *     store.get("user:1");   // Optional[alice], and still there after a restart
 * }
 * }</pre>
 *
 * <h2>How it works</h2>
 * <ul>
 *   <li>{@code put} and {@code delete} append one {@link LogRecord} to the end of the file, then change the map.
 *       Appending costs the same whatever the size of the store; rewriting the whole map on every put (the naive
 *       design the lesson starts from) costs more with every key.
 *   <li>{@code get} reads only the map: no disk access at all.
 *   <li>{@code open} replays the log from its first byte into an empty map: the last record for a key wins.
 * </ul>
 *
 * <h2>Durability</h2>
 * {@link Durability#NONE} (the default) acknowledges a write once {@code write(2)} has handed its bytes to the OS:
 * it survives a killed process, not a power cut. {@link Durability#SYNC} also forces the bytes to the disk before
 * acknowledging. {@link Durability#GROUP} needs group commit, which milestone 2 builds; it is refused here.
 *
 * <h2>Concurrency</h2>
 * One read-write lock guards the map and the log together. Readers share it; a writer holds it alone while it
 * appends and updates the map, so the order of records in the file is the order in which the map changed.
 * Without that, two concurrent puts of one key could leave {@code v2} in the map and {@code v1} last in the file,
 * and a restart would bring back {@code v1}. A {@code ConcurrentHashMap} alone cannot prevent that.
 *
 * <p>Simplifications against a real store (lifted in milestone 2): the log grows forever, even for overwritten
 * keys; records have no checksum; every value lives in memory.
 */
public final class KVStore implements KeyValueStore {
    private final Path file;
    private final Durability durability;
    /** Guarded by {@link #lock}: written under the write lock, read under either. */
    private final Map<String, String> map;
    /** Guarded by the write lock of {@link #lock}; opened for append, so every write goes to the end. */
    private final FileChannel log;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    /** Guarded by {@link #lock}. */
    private boolean closed;

    private KVStore(Path file, Durability durability, Map<String, String> map, FileChannel log) {
        this.file = file;
        this.durability = durability;
        this.map = map;
        this.log = log;
    }

    /** Opens (or creates) the store kept in {@code file}, with durability {@link Durability#NONE}. */
    public static KVStore open(Path file) {
        return open(file, Durability.NONE);
    }

    /**
     * Opens (or creates) the store kept in {@code file}: replays every record in it, then opens it for appending.
     *
     * @throws companion.api.CorruptionException if the file is damaged (names the byte offset); nothing is lost,
     *                                           the file is left as it was
     * @throws IllegalArgumentException          for {@link Durability#GROUP}, which arrives in milestone 2
     */
    public static KVStore open(Path file, Durability durability) {
        Objects.requireNonNull(file, "file is null");
        Objects.requireNonNull(durability, "durability is null");
        if (durability == Durability.GROUP) {
            throw new IllegalArgumentException("durability group needs group commit, which milestone 2 builds;"
                    + " use none or sync");
        }
        try {
            FileChannel log = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            try {
                return new KVStore(file, durability, replay(file), log);
            } catch (RuntimeException e) {
                log.close();
                throw e;
            }
        } catch (IOException e) {
            throw new StorageException("cannot open " + file, e);
        }
    }

    /** Rebuilds the map by applying every record in the log, oldest first. */
    private static Map<String, String> replay(Path file) {
        Map<String, String> map = new HashMap<>();
        try (LogReader reader = LogReader.open(file)) {
            // @scaffold-begin m1: Read every record and apply it to the map: the last record for a key wins.
            for (Optional<LogRecord> next = reader.next(); next.isPresent(); next = reader.next()) {
                apply(next.get(), map);
            }
            // @scaffold-end
        }
        return map;
    }

    /** Changes {@code map} as {@code record} says. */
    private static void apply(LogRecord record, Map<String, String> map) {
        // @scaffold-begin m1: A Put sets the key's value; a Delete removes the key.
        if (record instanceof LogRecord.Put put) {
            map.put(put.key(), put.value());
        } else {
            map.remove(record.key());
        }
        // @scaffold-end
    }

    @Override
    public Optional<String> get(String key) {
        Objects.requireNonNull(key, "key is null");
        lock.readLock().lock();
        try {
            checkOpen();
            // @scaffold-begin m1: Answer from the map; a missing key is Optional.empty(), never null.
            return Optional.ofNullable(map.get(key));
            // @scaffold-default throw new UnsupportedOperationException("TODO(m1): KVStore.get, see LESSON.md step 4");
            // @scaffold-end
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void put(String key, String value) {
        write(new LogRecord.Put(key, value));
    }

    @Override
    public void delete(String key) {
        write(new LogRecord.Delete(key));
    }

    /**
     * Makes one change: appends it to the log, then applies it to the map, both under the write lock.
     * Disk first: if the append fails, the map is untouched and the caller gets the exception, so memory never
     * promises what the file does not hold.
     */
    private void write(LogRecord record) {
        // @scaffold-begin m1: Under the write lock: check the store is open, append the record (flushToDisk), then apply it to the map.
        lock.writeLock().lock();
        try {
            checkOpen();
            flushToDisk(record);
            apply(record, map);
        } finally {
            lock.writeLock().unlock();
        }
        // @scaffold-default throw new UnsupportedOperationException("TODO(m1): KVStore.write, see LESSON.md steps 3 and 6");
        // @scaffold-end
    }

    /**
     * Appends {@code record} to the log and returns once the OS has all of its bytes (and, under
     * {@link Durability#SYNC}, once the disk has them). Requires: the write lock is held.
     */
    private void flushToDisk(LogRecord record) {
        ByteBuffer bytes = record.encode();
        // @scaffold-begin m1: Write every byte to the log (write() may take fewer than offered), then fsync under SYNC.
        try {
            while (bytes.hasRemaining()) {
                log.write(bytes);
            }
            if (durability == Durability.SYNC) {
                log.force(false); // fdatasync: the data and the new file size, not timestamps
            }
        } catch (IOException e) {
            throw new StorageException("cannot append to " + file, e);
        }
        // @scaffold-end
    }

    /** Requires: {@link #lock} is held, in either mode. */
    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("store " + file + " is closed");
        }
    }

    @Override
    public void close() {
        // @scaffold-begin m1: Close the log under the write lock, once; a second close does nothing.
        lock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            log.close(); // every write already reached the OS; nothing is buffered here
        } catch (IOException e) {
            throw new StorageException("cannot close " + file, e);
        } finally {
            lock.writeLock().unlock();
        }
        // @scaffold-end
    }

    /** The durability this store was opened with. */
    public Durability durability() {
        return durability;
    }

    @Override
    public String toString() {
        return "KVStore[" + file + ", durability " + durability.word() + "]";
    }
}
