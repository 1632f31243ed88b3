package companion.database.storage;

import companion.api.Durability;
import companion.api.StorageEngine;
import companion.api.StorageException;
import companion.api.WriteBatch;
import companion.database.storage.io.DiskDirectory;
import companion.database.storage.io.StorageDirectory;
import companion.database.storage.wal.LogOptions;
import companion.database.storage.wal.LogPosition;
import companion.database.storage.wal.Operation;
import companion.database.storage.wal.RecoveryReport;
import companion.database.storage.wal.WriteAheadLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Milestone 2's storage engine, Bitcask-style: the write-ahead log is the store, and an in-memory key directory
 * says where each key's latest record is.
 *
 * <pre>{@code
 * try (LogStructuredStore store = LogStructuredStore.open(dir, Durability.GROUP)) {
 *     store.put(key, value);                                  // one record appended; acknowledged once durable
 *     store.write(new WriteBatch().put(a, x).delete(b));      // one BATCH record: all or nothing
 *     store.get(key);                                         // key directory, then one read of that record
 * }
 * }</pre>
 *
 * <h2>Write path</h2>
 * A write appends one record to the {@link WriteAheadLog}, which returns only when the record is as durable as the
 * store's {@link Durability} asks (for {@code group}, after the fsync it shares with concurrent writers). Only then
 * does the key directory point at it, so no reader ever sees a value that a crash could take back.
 *
 * <h2>Concurrency</h2>
 * Writers of the same key take turns on one of {@link #STRIPES} locks (chosen by the key's hash), held across the
 * append and the directory update, so the directory always ends at the key's last record. Writers of different keys
 * proceed together, which is what lets group commit share one fsync among them. A batch takes the stripes of all its
 * keys, in stripe order, so two batches cannot deadlock. Readers take no lock: the directory is concurrent, and a
 * record, once written, never changes.
 *
 * <h2>Recovery</h2>
 * Opening replays the log (see {@link WriteAheadLog}: torn tail truncated and reported, corruption before it an
 * error naming file and offset) into a fresh key directory.
 *
 * <h2>Compaction</h2>
 * Overwritten and deleted values keep occupying the log until {@link #compact()} (run in the background once the log
 * holds {@link #COMPACT_RATIO} times more bytes than the live records, or on demand). It copies every live record to
 * the head of the log as an ordinary append, holding the key's stripe and only if the key still points there, so
 * the copy is the newest record of its key and a concurrent write simply wins. Then it syncs and deletes every
 * segment wholly before the first copy. Tombstones need no care: they hide only older records, which sit in the
 * same deleted prefix. A crash at any point leaves the old records (plus perhaps some copies, which replay in
 * sequence order and agree), or the copies alone: never a mix that loses or resurrects a value.
 *
 * <p>Simplifications against Bitcask: no hint files (recovery reads every record; fine while the log is compacted
 * regularly); compaction rewrites all live data, not just the segments with the most garbage; only whole segments
 * are freed, so with the default 64 MiB segments a small store keeps at least one segment's worth of file.
 */
public final class LogStructuredStore implements StorageEngine {
    /** Lock stripes for writers: enough that unrelated keys rarely share one. */
    static final int STRIPES = 256;
    /** Compact in the background when the log has grown by this many times the live bytes since the last time. */
    static final int COMPACT_RATIO = 3;

    /** One compaction at a time, on a daemon thread, so writers never wait for one. */
    private final ExecutorService compactor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "storage-compaction");
        thread.setDaemon(true);
        return thread;
    });
    /** Bytes appended since the last compaction (or open): with the live bytes, the trigger. */
    private final AtomicLong appendedSinceCompaction = new AtomicLong();
    private final AtomicBoolean compactionQueued = new AtomicBoolean();
    /** Guards {@link #compact()}: held for a whole compaction. */
    private final ReentrantLock compaction = new ReentrantLock();

    private final WriteAheadLog log;
    private final KeyDirectory keys;
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

    private LogStructuredStore(WriteAheadLog log, KeyDirectory keys) {
        this.log = log;
        this.keys = keys;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /** Opens (or creates) the store in directory {@code dir} at {@code durability}. */
    public static LogStructuredStore open(Path dir, Durability durability) {
        return open(dir, LogOptions.of(durability));
    }

    /**
     * Opens (or creates) the store in {@code dir} with explicit log options (segment size, salvage).
     *
     * @throws companion.api.CorruptionException when the log is damaged before its tail (unless salvaging)
     */
    public static LogStructuredStore open(Path dir, LogOptions options) {
        Objects.requireNonNull(dir, "dir is null");
        try {
            Files.createDirectories(dir);
            return open(DiskDirectory.open(dir), options);
        } catch (IOException e) {
            throw new StorageException("cannot open the store in " + dir, e);
        }
    }

    /** Opens the store kept in {@code directory}: a real one, or a fault-injecting one in tests. */
    public static LogStructuredStore open(StorageDirectory directory, LogOptions options) {
        KeyDirectory keys = new KeyDirectory();
        WriteAheadLog log = WriteAheadLog.open(directory, options,
                (record, position) -> apply(keys, record.operation(), position));
        return new LogStructuredStore(log, keys);
    }

    /** Brings the key directory up to date with one record (a batch: every operation in it, at its position). */
    private static void apply(KeyDirectory keys, Operation operation, LogPosition at) {
        // @scaffold-begin m2: Point each written key at this record; a delete removes the key (if nothing newer exists).
        // The operation's arrays are the store's own (copied on the way in, or decoded from the log): no copy.
        if (operation instanceof Operation.Put put) {
            keys.put(ByteKey.wrap(put.key()), at);
        } else if (operation instanceof Operation.Delete delete) {
            keys.remove(ByteKey.wrap(delete.key()), at.sequence());
        } else if (operation instanceof Operation.Batch batch) {
            batch.operations().forEach(inner -> apply(keys, inner, at));
        }
        // @scaffold-end
    }

    @Override
    public Optional<byte[]> get(byte[] key) {
        checkKey(key);
        ByteKey wanted = ByteKey.wrap(key); // a lookup only: nothing keeps it
        while (true) {
            Optional<LogPosition> at = keys.get(wanted);
            if (at.isEmpty()) {
                return Optional.empty();
            }
            try {
                return valueIn(log.read(at.get()).operation(), key);
            } catch (StorageException e) {
                // Compaction may have moved the key and deleted the segment between the lookup and the read:
                // look again. If the key still points there, the read failed for a real reason.
                if (keys.get(wanted).equals(at)) {
                    throw e;
                }
            }
        }
    }

    /** The value {@code operation} gives {@code key}: the last write to it, in a batch. */
    private static Optional<byte[]> valueIn(Operation operation, byte[] key) {
        if (operation instanceof Operation.Put put && Arrays.equals(put.key(), key)) {
            return Optional.of(put.value());
        }
        if (operation instanceof Operation.Batch batch) {
            Optional<byte[]> value = Optional.empty();
            for (Operation inner : batch.operations()) {
                if (inner instanceof Operation.Put put && Arrays.equals(put.key(), key)) {
                    value = Optional.of(put.value());
                } else if (inner instanceof Operation.Delete delete && Arrays.equals(delete.key(), key)) {
                    value = Optional.empty();
                }
            }
            return value;
        }
        return Optional.empty();
    }

    @Override
    public void put(byte[] key, byte[] value) {
        checkKey(key);
        Objects.requireNonNull(value, "value is null");
        // The key is kept by the index, so it is copied; the value is copied into the framed record during the call.
        write(List.of(key), new Operation.Put(key.clone(), value));
    }

    @Override
    public void delete(byte[] key) {
        checkKey(key);
        write(List.of(key), new Operation.Delete(key)); // used to find and remove the key only: kept nowhere
    }

    @Override
    public void write(WriteBatch batch) {
        Objects.requireNonNull(batch, "batch is null");
        if (batch.size() == 0) {
            return;
        }
        write(batch.operations().stream().map(WriteBatch.Operation::key).toList(), Operation.Batch.of(batch));
    }

    /** Appends {@code operation} holding the stripes of {@code touched}, then updates the directory. */
    private void write(List<byte[]> touched, Operation operation) {
        TreeSet<Integer> held = new TreeSet<>();
        touched.forEach(key -> held.add(Math.floorMod(Arrays.hashCode(key), STRIPES)));
        held.forEach(stripe -> stripes[stripe].lock()); // in stripe order: no two writers wait on each other
        try {
            // @scaffold-begin m2: Append first (it returns once durable), then point the key directory at the record.
            LogPosition at = log.append(operation);
            apply(keys, operation, at);
            appendedSinceCompaction.addAndGet(at.size());
            // @scaffold-default throw new UnsupportedOperationException("TODO(m2): LogStructuredStore.write, see LESSON.md");
            // @scaffold-end
        } finally {
            held.descendingSet().forEach(stripe -> stripes[stripe].unlock());
        }
        maybeCompactInBackground();
    }

    private void maybeCompactInBackground() {
        long appended = appendedSinceCompaction.get();
        if (appended > log.options().segmentSize() && appended > COMPACT_RATIO * keys.liveBytes()
                && compactionQueued.compareAndSet(false, true)) {
            compactor.execute(() -> {
                try {
                    compact();
                } catch (RuntimeException e) {
                    // The next write tries again; the log is intact whatever happened (see the class doc).
                } finally {
                    compactionQueued.set(false);
                }
            });
        }
    }

    /**
     * Copies every live record to the head of the log and deletes the segments before the copies (see the class
     * doc). Reads and writes continue meanwhile.
     *
     * @return the number of segments deleted
     */
    public int compact() {
        compaction.lock();
        try {
            long firstCopy = log.nextSequence();
            appendedSinceCompaction.set(0);
            for (Map.Entry<ByteKey, LogPosition> live : keys.all()) {
                if (live.getValue().sequence() < firstCopy) {
                    copyForward(live.getKey(), live.getValue());
                }
            }
            log.sync(); // the copies are durable before the originals go, whatever the durability
            return log.deleteBefore(firstCopy);
        } finally {
            compaction.unlock();
        }
    }

    /** Appends a fresh copy of {@code key}'s record at {@code from}, unless a write has moved the key meanwhile. */
    private void copyForward(ByteKey key, LogPosition from) {
        byte[] bytes = key.bytes();
        ReentrantLock stripe = stripes[Math.floorMod(Arrays.hashCode(bytes), STRIPES)];
        stripe.lock();
        try {
            // @scaffold-begin m2: Under the key's stripe: if the key still points at 'from', append its value again and move the key there.
            if (!keys.get(key).equals(Optional.of(from))) {
                return; // written or deleted since the snapshot: the newer record stays
            }
            Optional<byte[]> value = valueIn(log.read(from).operation(), bytes);
            if (value.isPresent()) {
                LogPosition copy = log.append(new Operation.Put(bytes, value.get()));
                keys.moveIfCurrent(key, from, copy);
            }
            // @scaffold-end
        } finally {
            stripe.unlock();
        }
    }

    @Override
    public List<Entry> scan(byte[] prefix) {
        Objects.requireNonNull(prefix, "prefix is null");
        List<Entry> found = new ArrayList<>();
        for (Map.Entry<ByteKey, LogPosition> live : keys.withPrefix(prefix)) {
            byte[] key = live.getKey().bytes();
            get(key).ifPresent(value -> found.add(new Entry(key, value))); // get: it copes with compaction
        }
        return found;
    }

    @Override
    public void flush() {
        log.sync();
    }

    /** What opening found in the log: records replayed, a torn tail dropped, records salvaged. */
    public RecoveryReport recovery() {
        return log.recovery();
    }

    /** How many live keys the store holds. */
    public int size() {
        return keys.size();
    }

    @Override
    public void close() {
        // No interrupt: an interrupted file operation would close the log's channel under every thread.
        compactor.shutdown();
        compaction.lock(); // a running compaction finishes first
        try {
            log.close();
        } finally {
            compaction.unlock();
        }
    }

    private static void checkKey(byte[] key) {
        Objects.requireNonNull(key, "key is null");
        if (key.length == 0) {
            throw new IllegalArgumentException("a key must be at least 1 byte long");
        }
    }
}
