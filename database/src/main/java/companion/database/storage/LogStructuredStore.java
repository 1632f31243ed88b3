package companion.database.storage;

import companion.api.Durability;
import companion.api.StorageEngine;
import companion.api.StorageException;
import companion.api.WriteBatch;
import companion.database.storage.io.DiskDirectory;
import companion.database.storage.io.StorageDirectory;
import companion.database.storage.wal.LogOptions;
import companion.database.storage.wal.LogPosition;
import companion.database.storage.wal.LogReader;
import companion.database.storage.wal.Operation;
import companion.database.storage.wal.RecoveryReport;
import companion.database.storage.wal.WriteAheadLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * proceed together, which is what lets group commit share one fsync among them; only their directory updates, a
 * few hundred nanoseconds each, take turns (see {@link KeyDirectory}). A batch takes the stripes of all its keys, in
 * stripe order, so two batches cannot deadlock. Readers take no lock: the directory is read without one, and a
 * record, once written, never changes.
 *
 * <h2>Recovery</h2>
 * Opening replays the log (see {@link WriteAheadLog}: torn tail truncated and reported, corruption before it an
 * error naming file and offset) into a fresh key directory, in log order, so the last write of each key is the one
 * that stays.
 *
 * <h2>Compaction</h2>
 * Overwritten and deleted values keep occupying the log until {@link #compact()} (run in the background once the log
 * holds {@link #COMPACT_RATIO} times more bytes than the live records, or on demand). It copies every live record to
 * the head of the log as an ordinary append, holding the key's stripe and only if the key still points there, so
 * the copy is the newest record of its key and a concurrent write simply wins. It first seals the active segment,
 * so that every record to copy is in a sealed one, notes the address where the copies start, and waits for the
 * writes already appended below it to reach the key directory; after the copies it syncs and deletes every
 * segment wholly below that address. Tombstones need no care: they hide only older records, which sit in the
 * same deleted prefix. A crash at any point leaves the old records (plus perhaps some copies, which replay in
 * sequence order and agree), or the copies alone: never a mix that loses or resurrects a value.
 *
 * <p>Simplifications against Bitcask: no hint files (recovery reads every record; fine while the log is compacted
 * regularly); compaction rewrites all live data, not just the segments with the most garbage; only whole segments
 * are freed, and a segment is preallocated at full size, so the newest one is mostly zeros (16 MiB by default).
 */
public final class LogStructuredStore implements StorageEngine {
    /**
     * Lock stripes for writers: enough that unrelated keys rarely share one. A stripe is held across the append,
     * which at {@code group} includes the wait for the fsync, so a writer whose key shares a stripe with one of the
     * 7 others of a group misses that group, and its group waits for it: with 256 stripes that is 7 / 256 of the
     * writes (about one group in five), and 8 writers averaged 7.64-7.69 records a force; with 4,096, 7.73-7.94,
     * and about 10 µs less between forces (a harness of 8 writers at {@code group}, 4 runs each). 4,096 locks
     * cost about 200 KB a store.
     */
    static final int STRIPES = 4096;
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
                (record, position, reader) -> apply(keys, reader, record.operation(), position));
        return new LogStructuredStore(log, keys);
    }

    /**
     * Brings the key directory up to date with one record at {@code at}: a put points its key at it, a delete
     * forgets its key, a batch does each of its operations in order, each under its number in the record.
     * {@code log} reads the records the directory already points at, to recognise keys.
     */
    private static void apply(KeyDirectory keys, LogReader log, Operation operation, LogPosition at) {
        // @scaffold-begin m2: Point each written key at its operation in this record (a put record's is number 1; a batch's operations are 1 to n, in order); a delete removes the key.
        if (operation instanceof Operation.Batch batch) {
            List<Operation> operations = batch.operations();
            for (int i = 0; i < operations.size(); i++) {
                apply(keys, log, operations.get(i), at.address(), i + 1, at.size());
            }
        } else {
            apply(keys, log, operation, at.address(), 1, at.size());
        }
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): LogStructuredStore.apply, see LESSON.md step 4");
        // @scaffold-end
    }

    /** One put or delete, operation {@code number} of the record at {@code address}, {@code size} bytes long. */
    private static void apply(KeyDirectory keys, LogReader log, Operation operation, long address, int number,
                              int size) {
        // @scaffold-begin m2: A put points its key at (address, number); a delete removes its key.
        if (operation instanceof Operation.Put put) {
            keys.put(log, put.key(), address, number, size);
        } else if (operation instanceof Operation.Delete delete) {
            keys.remove(log, delete.key());
        }
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): LogStructuredStore.apply, see LESSON.md step 4");
        // @scaffold-end
    }

    @Override
    public Optional<byte[]> get(byte[] key) {
        // @scaffold-begin m2: Check the key; the key directory finds its slot and reads the value in the log.
        checkKey(key);
        return keys.get(log, key);
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): LogStructuredStore.get, see LESSON.md step 4");
        // @scaffold-end
    }

    @Override
    public void put(byte[] key, byte[] value) {
        // @scaffold-begin m2: Check the arguments and write one put record.
        checkKey(key);
        Objects.requireNonNull(value, "value is null");
        // No copies: the key and value are copied into the framed record during the call, and nothing keeps them.
        write(new int[] {stripeOf(key)}, new Operation.Put(key, value));
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): LogStructuredStore.put, see LESSON.md step 2");
        // @scaffold-end
    }

    @Override
    public void delete(byte[] key) {
        // @scaffold-begin m2: Check the key and write one delete record.
        checkKey(key);
        write(new int[] {stripeOf(key)}, new Operation.Delete(key));
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
            apply(keys, log, operation, at);
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
        // @scaffold-begin m2: One at a time (the compaction lock): seal the active segment, note the first copy's address, wait for writes in flight, copy forward every live key written before it, sync, then delete the segments before it.
        compaction.lock();
        try {
            log.seal(); // every record to copy is now in a sealed segment, which deleteBefore can remove
            long firstCopy = log.nextAddress(); // every record before it is copied or dead once the loop ends
            appendedSinceCompaction.set(0);
            awaitWritesInFlight();
            for (KeyDirectory.Entry live : keys.entries(log, new byte[0])) {
                if (live.address() < firstCopy) {
                    copyForward(live);
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

    /** Appends a fresh copy of {@code live}'s value as a put, unless a write has moved the key meanwhile. */
    private void copyForward(KeyDirectory.Entry live) {
        // @scaffold-begin m2: Under the key's stripe: only if the key is still at the entry's operation (isAt), read its value there, append it as a put and move the key to the copy (moveIfCurrent).
        byte[] key = live.key();
        ReentrantLock stripe = stripes[stripeOf(key)];
        stripe.lock();
        try {
            // Checked before appending: a copy appended after a newer write of the key would replay over it.
            if (!keys.isAt(key, live.address(), live.number())) {
                return; // written or deleted since the snapshot: the newer record stays
            }
            Optional<byte[]> value = log.valueAt(live.address(), live.number(), key);
            if (value.isPresent()) {
                LogPosition copy = log.append(new Operation.Put(key, value.get()));
                keys.moveIfCurrent(log, key, live.address(), live.number(), copy.address(), copy.size());
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
        for (KeyDirectory.Entry live : keys.entries(log, prefix)) {
            byte[] key = live.key();
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
