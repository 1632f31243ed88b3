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
 *     store.get(key);                                         // key directory, then that record's memory-mapped bytes
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
 * the copy is the newest record of its key and a concurrent write simply wins. It first seals the active segment,
 * so that every record to copy is in a sealed one, and waits for the writes already numbered below the first copy to
 * reach the key directory; after the copies it syncs and deletes every segment wholly before the first copy. Tombstones need no care: they hide only older records, which sit in the
 * same deleted prefix. A crash at any point leaves the old records (plus perhaps some copies, which replay in
 * sequence order and agree), or the copies alone: never a mix that loses or resurrects a value.
 *
 * <p>Simplifications against Bitcask: no hint files (recovery reads every record; fine while the log is compacted
 * regularly); compaction rewrites all live data, not just the segments with the most garbage; only whole segments
 * are freed, and a segment is preallocated at full size, so the newest one is mostly zeros (16 MiB by default).
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
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): LogStructuredStore.apply, see LESSON.md step 4");
        // @scaffold-end
    }

    @Override
    public Optional<byte[]> get(byte[] key) {
        // @scaffold-begin m2: Look the key up, read its record and find the value in it; if the read fails but the key has moved meanwhile (compaction), look again.
        checkKey(key);
        ByteKey wanted = ByteKey.wrap(key); // a lookup only: nothing keeps it
        while (true) {
            Optional<LogPosition> at = keys.get(wanted);
            if (at.isEmpty()) {
                return Optional.empty();
            }
            try {
                // Nearly every get finds a put of its own key: read just its value. Anything else (a batch, damage)
                // takes the full decode, which also names what is wrong.
                Optional<byte[]> value = log.readPut(at.get(), key);
                return value.isPresent() ? value : valueIn(log.read(at.get()).operation(), key);
            } catch (StorageException e) {
                // Compaction may have moved the key and deleted the segment between the lookup and the read:
                // look again. If the key still points there, the read failed for a real reason.
                if (keys.get(wanted).equals(at)) {
                    throw e;
                }
            }
        }
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): LogStructuredStore.get, see LESSON.md step 4");
        // @scaffold-end
    }

    /** The value {@code operation} gives {@code key}: the last write to it, in a batch. */
    private static Optional<byte[]> valueIn(Operation operation, byte[] key) {
        // @scaffold-begin m2: A put of the key gives its value; in a batch, the key's last put or delete wins; anything else gives empty.
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
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): LogStructuredStore.valueIn, see LESSON.md step 4");
        // @scaffold-end
    }

    @Override
    public void put(byte[] key, byte[] value) {
        // @scaffold-begin m2: Check the arguments and write one put record, copying the key (the key directory keeps it).
        checkKey(key);
        Objects.requireNonNull(value, "value is null");
        // The key is kept by the index, so it is copied; the value is copied into the framed record during the call.
        write(new int[] {stripeOf(key)}, new Operation.Put(key.clone(), value));
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): LogStructuredStore.put, see LESSON.md step 2");
        // @scaffold-end
    }

    @Override
    public void delete(byte[] key) {
        // @scaffold-begin m2: Check the key and write one delete record.
        checkKey(key);
        write(new int[] {stripeOf(key)}, new Operation.Delete(key)); // used to find and remove the key: kept nowhere
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): LogStructuredStore.delete, see LESSON.md step 2");
        // @scaffold-end
    }

    @Override
    public void write(WriteBatch batch) {
        // @scaffold-begin m2: Write the whole batch as ONE record (Operation.Batch), holding the stripes of all its keys; an empty batch writes nothing.
        Objects.requireNonNull(batch, "batch is null");
        if (batch.size() == 0) {
            return;
        }
        int[] touched = batch.operations().stream().mapToInt(op -> stripeOf(op.key())).distinct().sorted().toArray();
        write(touched, Operation.Batch.of(batch));
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): LogStructuredStore.write, see LESSON.md step 5");
        // @scaffold-end
    }

    /**
     * Appends {@code operation} holding the stripes {@code held} (distinct, in increasing order), then updates the
     * directory.
     */
    private void write(int[] held, Operation operation) {
        // @scaffold-begin m2: Lock the stripes in increasing order; append (it returns once durable), then point the key directory at the record; unlock; maybe compact.
        for (int stripe : held) {
            stripes[stripe].lock(); // in increasing order: no two writers wait on each other
        }
        try {
            LogPosition at = log.append(operation);
            apply(keys, operation, at);
            appendedSinceCompaction.addAndGet(at.size());
        } finally {
            for (int i = held.length - 1; i >= 0; i--) {
                stripes[held[i]].unlock();
            }
        }
        maybeCompactInBackground();
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): LogStructuredStore.write, see LESSON.md step 2");
        // @scaffold-end
    }

    private void maybeCompactInBackground() {
        // @scaffold-begin m2: If the log grew by more than a segment and by more than COMPACT_RATIO times the live bytes, queue one compaction on the background thread.
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
        // @scaffold-end
    }

    /**
     * Copies every live record to the head of the log and deletes the segments before the copies (see the class
     * doc). Reads and writes continue meanwhile.
     *
     * @return the number of segments deleted
     */
    public int compact() {
        // @scaffold-begin m2: One at a time (the compaction lock): seal the active segment, note the first copy's sequence number, wait for writes in flight, copy forward every older live key, sync, then delete the segments before the first copy.
        compaction.lock();
        try {
            log.seal(); // every record to copy is now in a sealed segment, which deleteBefore can remove
            long firstCopy = log.nextSequence();
            appendedSinceCompaction.set(0);
            awaitWritesInFlight();
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
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): LogStructuredStore.compact, see LESSON.md step 6");
        // @scaffold-end
    }

    /**
     * Waits until every write that was appended before the first copy has updated the key directory. A writer holds
     * its keys' stripes from its append to its directory update, so taking and releasing each stripe once is enough.
     * Without this wait, a put appended just before the first copy, whose directory update had not happened yet,
     * would be missing from the snapshot that compaction copies from, and would be deleted with its segment: an
     * acknowledged write lost (the crash test found exactly that under group commit, where the update waits for the
     * fsync).
     */
    private void awaitWritesInFlight() {
        for (ReentrantLock stripe : stripes) {
            stripe.lock();
            stripe.unlock();
        }
    }

    /** Appends a fresh copy of {@code key}'s record at {@code from}, unless a write has moved the key meanwhile. */
    private void copyForward(ByteKey key, LogPosition from) {
        // @scaffold-begin m2: Under the key's stripe: if the key still points at 'from', append its value again as a put and move the key there (compare-and-set).
        byte[] bytes = key.bytes();
        ReentrantLock stripe = stripes[stripeOf(bytes)];
        stripe.lock();
        try {
            if (!keys.get(key).equals(Optional.of(from))) {
                return; // written or deleted since the snapshot: the newer record stays
            }
            Optional<byte[]> value = valueIn(log.read(from).operation(), bytes);
            if (value.isPresent()) {
                LogPosition copy = log.append(new Operation.Put(bytes, value.get()));
                keys.moveIfCurrent(key, from, copy);
            }
        } finally {
            stripe.unlock();
        }
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): LogStructuredStore.copyForward, see LESSON.md step 6");
        // @scaffold-end
    }

    @Override
    public List<Entry> scan(byte[] prefix) {
        // @scaffold-begin m2: Walk the keys with this prefix and read each value through get (which copes with compaction).
        Objects.requireNonNull(prefix, "prefix is null");
        List<Entry> found = new ArrayList<>();
        for (Map.Entry<ByteKey, LogPosition> live : keys.withPrefix(prefix)) {
            byte[] key = live.getKey().bytes();
            get(key).ifPresent(value -> found.add(new Entry(key, value))); // get: it copes with compaction
        }
        return found;
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): LogStructuredStore.scan, see LESSON.md step 4");
        // @scaffold-end
    }

    @Override
    public void flush() {
        // @scaffold-begin m2: Force everything written so far, whatever the durability.
        log.sync();
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): LogStructuredStore.flush, see LESSON.md step 2");
        // @scaffold-end
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
        // @scaffold-begin m2: Stop the compaction thread (without interrupting it), wait for a running compaction to finish, then close the log.
        // No interrupt: an interrupted file operation would close the log's channel under every thread.
        compactor.shutdown();
        compaction.lock(); // a running compaction finishes first
        try {
            log.close();
        } finally {
            compaction.unlock();
        }
        // @scaffold-default log.close();
        // @scaffold-end
    }

    /** The lock stripe of {@code key}: every writer of the key takes this one. */
    private static int stripeOf(byte[] key) {
        return Math.floorMod(Arrays.hashCode(key), STRIPES);
    }

    private static void checkKey(byte[] key) {
        // @scaffold-begin m2: A null key is a NullPointerException, an empty one an IllegalArgumentException.
        Objects.requireNonNull(key, "key is null");
        if (key.length == 0) {
            throw new IllegalArgumentException("a key must be at least 1 byte long");
        }
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): LogStructuredStore.checkKey, see LESSON.md step 2");
        // @scaffold-end
    }
}
