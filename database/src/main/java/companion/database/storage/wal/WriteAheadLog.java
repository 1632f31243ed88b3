package companion.database.storage.wal;

import companion.api.Durability;
import companion.api.StorageException;
import companion.database.storage.io.DiskDirectory;
import companion.database.storage.io.StorageDirectory;
import companion.database.storage.io.StorageFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The write-ahead log: every change the storage engine makes is appended here, and acknowledged only once it is as
 * durable as the {@link Durability} says, before the engine applies it anywhere else. After a crash, replaying the
 * log rebuilds what the engine had acknowledged.
 *
 * <pre>{@code
 * try (WriteAheadLog log = WriteAheadLog.open(DiskDirectory.open(dir), LogOptions.of(Durability.GROUP),
 *         (record, position, reader) -> engine.apply(record, position))) {   // replays the log, oldest first
 *     LogPosition at = log.append(new Operation.Put(key, value));   // returns once an fsync covers it
 *     log.read(at);                                        // the record again, from its segment's memory map
 *     log.valueAt(at.address(), 1, key);                   // its value, found by address (a LogReader)
 *     log.recovery();                        // what opening found: records read, torn tail, salvaged damage
 * }
 * }</pre>
 *
 * <h2>On disk</h2>
 * A directory of {@link Segment}s, each named by its first sequence number and preallocated with zeros; records
 * ({@link RecordCodec}) are appended into the zeros with positional writes and never span two segments.
 * docs/formats/wal.md has the byte grammar.
 *
 * <h2>Durability, and group commit</h2>
 * <ul>
 *   <li>{@code NONE}: {@code append} returns once the record is in the OS's page cache: copied into a writable
 *       memory map of the active segment ({@link companion.database.storage.io.MappedFile}), no system call.
 *   <li>{@code SYNC}: the writer writes and forces the segment itself, holding the lock: one fsync per record.
 *   <li>{@code GROUP}: the writer copies its record into the {@link LogBuffer} under the lock, releases it, then
 *       waits in {@link GroupCommit} until a force covers its record: one that it leads (one pwrite of the whole
 *       buffer, then the fsync) or another writer's. Under load one fsync acknowledges many.
 * </ul>
 *
 * <h2>Recovery rules</h2>
 * Opening reads every segment in order (see {@link Recovery}): in the last segment, a damaged record followed only
 * by zeros or garbage is a torn tail, zeroed and reported ({@link RecoveryReport#tornTail()}); damage anywhere else
 * is a {@link companion.api.CorruptionException} naming segment and offset, unless {@link LogOptions#salvage()} is
 * set, which skips to the next valid record and reports the skip.
 *
 * <h2>Failures</h2>
 * After any failed write or force, the log refuses every later append with a {@link StorageException}: a failed
 * fsync may have dropped the unforced pages ("fsyncgate", PostgreSQL 2018), so retrying could acknowledge records
 * that are gone. Reopening recovers from what is on disk. No record whose append threw was acknowledged.
 *
 * <h2>Concurrency</h2>
 * Thread-safe. One lock ({@link #lock}) guards all mutable state, {@link GroupCommit}'s included; the only work
 * done without it is encoding a record before appending, waiting for a group's force (and the leader's force
 * itself), and the reads ({@link #read} and the {@link LogReader} methods), reads from memory maps of bytes that
 * were written before their position was handed out.
 */
public final class WriteAheadLog implements LogReader, AutoCloseable {

    private final StorageDirectory directory;
    private final LogOptions options;
    private final RecoveryReport recovery;
    /** Guards every field below: appends, rollover, the durability state, close. */
    private final ReentrantLock lock = new ReentrantLock();
    /** Which records are durable, and the protocol that forces them (for every durability: sync() uses it). */
    private final GroupCommit commits;
    /** Thread-safe on its own: the segments' numbered read-only memory maps, for the reads, which take no lock. */
    private final SegmentFiles readers;
    /** Guarded by {@link #lock}. The segments, and where the next record goes. */
    private final SegmentWriter writer;
    /** Guarded by {@link #lock}. The sequence number of the next record. */
    private long nextSequence;
    /** Guarded by {@link #lock}. The I/O error that stopped the log, if one did; it then refuses appends. */
    private IOException failure;
    /** Written under {@link #lock}; volatile because {@link #read} checks it without the lock. */
    private volatile boolean closed;

    private WriteAheadLog(StorageDirectory directory, LogOptions options, SegmentFiles readers,
                          Recovery.Result recovered) throws IOException {
        this.directory = directory;
        this.options = options;
        this.recovery = recovered.report();
        this.readers = readers;
        this.writer = new SegmentWriter(directory, options.segmentSize(), options.durability() == Durability.NONE,
                options.durability() == Durability.GROUP, readers, recovered);
        this.nextSequence = recovery.nextSequence();
        GroupCommit.Log log = new GroupCommit.Log(this::checkWritable, () -> nextSequence - 1,
                writer::takeUnwritten, writer::giveBack, this::fail);
        this.commits = new GroupCommit(lock, log, nextSequence - 1, options.groupYieldNanos()); // recovery forced it
    }

    /**
     * Opens the log in {@code directory}, creating it if it is empty, and hands every record in it, with its
     * position, to {@code replay}, oldest first, before returning.
     *
     * @throws companion.api.CorruptionException naming segment and offset, for damage before the tail (unless
     *                                           {@code options.salvage()}); the files are left as they are
     * @throws StorageException                  if the OS fails a read or write
     */
    public static WriteAheadLog open(StorageDirectory directory, LogOptions options, Replay replay) {
        Objects.requireNonNull(directory, "directory is null");
        Objects.requireNonNull(options, "options is null");
        Objects.requireNonNull(replay, "replay is null");
        try {
            SegmentFiles readers = new SegmentFiles(directory);
            return new WriteAheadLog(directory, options, readers, Recovery.run(directory, options, readers, replay));
        } catch (IOException e) {
            throw new StorageException("cannot recover the log in " + directory.path(), e);
        }
    }

    /** Opens the log on the disk at {@code directory}, ignoring its records (read them with {@link #records}). */
    public static WriteAheadLog open(Path directory, Durability durability) {
        Objects.requireNonNull(directory, "directory is null");
        try {
            return open(DiskDirectory.open(directory), LogOptions.of(durability), (record, position, log) -> { });
        } catch (IOException e) {
            throw new StorageException("cannot open the log directory " + directory, e);
        }
    }

    /**
     * Appends {@code operation} and returns where it went (its sequence number, segment and offset) once it is as
     * durable as the log's durability says.
     *
     * @throws IllegalArgumentException if the record would be larger than a segment
     * @throws IllegalStateException    if the log is closed
     * @throws StorageException         if a write or force failed, now or earlier; the record is not acknowledged
     */
    public LogPosition append(Operation operation) {
        Objects.requireNonNull(operation, "operation is null");
        // @scaffold-begin m2: Refuse a record larger than a segment; frame it before taking the lock; under it, write it, and at SYNC force it; at GROUP, once the lock is released, await a covering force.
        long size = RecordCodec.size(operation);
        if (size > options.segmentSize()) {
            throw new IllegalArgumentException("a record of " + size + " bytes does not fit in a segment of "
                    + options.segmentSize() + " bytes");
        }
        ByteBuffer record = RecordCodec.frame(operation); // outside the lock: the lock is for ordering only
        LogPosition position;
        lock.lock();
        try {
            position = write(record);
            if (options.durability() == Durability.SYNC) {
                force(writer.active());
                commits.markDurable(position.sequence());
            }
        } finally {
            lock.unlock();
        }
        if (options.durability() == Durability.GROUP) {
            commits.await(position.sequence()); // without the lock: others append while this writer waits
        }
        return position;
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): WriteAheadLog.append, see LESSON.md step 2");
        // @scaffold-end
    }

    /**
     * Seals the active segment, if it holds any record, and starts a new one. Compaction calls this first: every
     * record it may copy then lies in a sealed segment, which {@link #deleteBefore} can delete once the copies are
     * made. Without it, a store smaller than one segment would never give any space back.
     */
    public void seal() {
        // @scaffold-begin m2: Under the lock, once no leader is forcing: unless the active segment is empty, roll to a new one (which forces the old one: everything so far is durable).
        lock.lock();
        try {
            checkWritable();
            commits.awaitNoForce(); // a leader is forcing the active segment: let it finish
            checkWritable();
            if (writer.isEmpty()) {
                return;
            }
            writer.roll(nextSequence);
            commits.markDurable(nextSequence - 1); // roll forced the sealed segment
        } catch (IOException e) {
            throw fail(e, "cannot start a new segment in " + directory.path());
        } finally {
            lock.unlock();
        }
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): WriteAheadLog.seal, see LESSON.md step 6");
        // @scaffold-end
    }

    /** Forces every record appended so far, whatever the durability (an engine's {@code flush}). */
    public void sync() {
        // @scaffold-begin m2: Note the last record appended (under the lock, while writable), then make it durable, whatever the mode (once group commit exists, through GroupCommit.await).
        long last;
        lock.lock();
        try {
            checkWritable();
            last = nextSequence - 1;
        } finally {
            lock.unlock();
        }
        commits.await(last);
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): WriteAheadLog.sync, see LESSON.md step 2");
        // @scaffold-end
    }

    /**
     * Writes {@code record} at the end of the log, rolling over to a new segment if it does not fit, and returns
     * its position. Requires: {@link #lock} is held.
     */
    private LogPosition write(ByteBuffer record) {
        // @scaffold-begin m2: Roll to a new segment while the record does not fit (not while a leader forces); stamp the next sequence number and CRC (RecordCodec.seal), write it, count it.
        checkWritable();
        while (!writer.fits(record.remaining())) {
            if (commits.forcing()) {
                commits.awaitNoForce(); // the leader is forcing the active segment: let it finish
                checkWritable();
                continue;
            }
            try {
                writer.roll(nextSequence);
            } catch (IOException e) {
                throw fail(e, "cannot start a new segment in " + directory.path());
            }
            commits.markDurable(nextSequence - 1); // roll forced the full segment
        }
        RecordCodec.seal(record, nextSequence);
        try {
            LogPosition position = writer.write(record, nextSequence);
            nextSequence++;
            return position;
        } catch (IOException e) {
            throw fail(e, "cannot append to " + writer.active().path());
        }
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): WriteAheadLog.write, see LESSON.md step 2");
        // @scaffold-end
    }

    /** Forces {@code file}, holding the lock. Requires: {@link #lock} is held. */
    private void force(StorageFile file) {
        // @scaffold-begin m2: Force the file; a failure stops the log (fail) and is thrown.
        try {
            file.force();
        } catch (IOException e) {
            throw fail(e, "cannot force " + file.path());
        }
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): WriteAheadLog.force, see LESSON.md step 2");
        // @scaffold-end
    }

    /**
     * Records that the log stopped on {@code error} and returns the exception to throw. Requires: {@link #lock}
     * is held.
     */
    private StorageException fail(IOException error, String what) {
        // @scaffold-begin m2: Remember the first I/O error (the log then refuses writes), wake every waiting writer, and return the exception to throw.
        if (failure == null) {
            failure = error;
        }
        commits.releaseAll(); // waiting writers must learn that their force will never come
        return new StorageException(what, error);
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): WriteAheadLog.fail, see LESSON.md step 8");
        // @scaffold-end
    }

    /** Requires: {@link #lock} is held. */
    private void checkWritable() {
        // @scaffold-begin m2: Refuse with an IllegalStateException once closed, and with a StorageException once an I/O error stopped the log.
        if (closed) {
            throw new IllegalStateException("the log in " + directory.path() + " is closed");
        }
        if (failure != null) {
            throw new StorageException("the log in " + directory.path() + " stopped after an I/O error and"
                    + " accepts no more writes; reopen it to recover", failure);
        }
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): WriteAheadLog.checkWritable, see LESSON.md step 2");
        // @scaffold-end
    }

    /**
     * The records from sequence number {@code from} on (from the oldest kept, if {@code from} is older), as the log
     * is now. See {@link LogCursor} for what the caller must not do while it is open.
     */
    public LogCursor records(long from) {
        // @scaffold-begin m2: Reject a sequence number below 1; under the lock, unless closed, a cursor over the segments as they are now.
        if (from < 1) {
            throw new IllegalArgumentException("a sequence number is 1 or more: " + from);
        }
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the log in " + directory.path() + " is closed");
            }
            commits.awaitNoForce(); // a leader may be writing buffered records: the cursor reads the files
            return writer.cursor(from, options.salvage());
        } catch (IOException e) {
            throw fail(e, "cannot write to " + writer.active().path());
        } finally {
            lock.unlock();
        }
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): WriteAheadLog.records, see LESSON.md step 3");
        // @scaffold-end
    }

    /**
     * The record at {@code position} (from {@link #append}, replay or a {@link LogCursor}), its checksum verified:
     * a read from the segment's memory map, without the log's lock or a system call. Requires: the position's
     * segment has not been deleted.
     *
     * @throws companion.api.CorruptionException if the bytes there are not that record
     * @throws IllegalStateException             if the log is closed
     * @throws StorageException                  if the segment has been deleted
     */
    public LogRecord read(LogPosition position) {
        Objects.requireNonNull(position, "position is null");
        // @scaffold-begin m2: Unless closed, read the record from the segment's memory map (SegmentFiles.read checks it).
        checkOpen();
        return readers.read(position);
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): WriteAheadLog.read, see LESSON.md step 4");
        // @scaffold-end
    }

    /** @throws IllegalStateException if the log is closed */
    @Override
    public byte[] keyAt(long address, int number) {
        checkOpen();
        return readers.keyAt(address, number);
    }

    /** @throws IllegalStateException if the log is closed */
    @Override
    public Optional<byte[]> valueAt(long address, int number, byte[] key) {
        checkOpen();
        return readers.valueAt(address, number, key);
    }

    /** @throws IllegalStateException if the log is closed */
    @Override
    public int sizeAt(long address) {
        checkOpen();
        return readers.sizeAt(address);
    }

    /** Reads need no lock, only an open log: {@link #closed} is volatile. */
    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the log in " + directory.path() + " is closed");
        }
    }

    /**
     * Deletes every segment whose records all lie before {@code address} (from {@link #nextAddress}, say): once the
     * engine has made everything older durable elsewhere (compaction, a checkpoint), the log need not keep it. The
     * active segment is never deleted. Returns how many segments were deleted.
     *
     * @throws StorageException if a delete fails; the segments not yet deleted stay, and are replayed on open
     */
    public int deleteBefore(long address) {
        // @scaffold-begin m2: Under the lock, while writable, let the segment writer delete the old segments; a failure is a StorageException.
        lock.lock();
        try {
            checkWritable();
            return writer.deleteBefore(address);
        } catch (IOException e) {
            throw new StorageException("cannot delete old segments in " + directory.path(), e);
        } finally {
            lock.unlock();
        }
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): WriteAheadLog.deleteBefore, see LESSON.md step 6");
        // @scaffold-end
    }

    /** What opening this log found and did. */
    public RecoveryReport recovery() {
        return recovery;
    }

    /** The options this log was opened with. */
    public LogOptions options() {
        return options;
    }

    /** The sequence number the next append will get. */
    public long nextSequence() {
        lock.lock();
        try {
            return nextSequence;
        } finally {
            lock.unlock();
        }
    }

    /**
     * An address above every record appended so far, and at most the next record's: exactly its address, unless
     * it does not fit in the active segment and goes to the next.
     */
    public long nextAddress() {
        lock.lock();
        try {
            return writer.nextAddress();
        } finally {
            lock.unlock();
        }
    }

    /** Every record up to this sequence number is forced to the disk (0 if none is). */
    public long durableSequence() {
        return commits.durableSequence();
    }

    /**
     * Forces what is not forced yet, then releases the active segment: after a clean close even a power cut loses
     * nothing, at the price of one fsync per close. Calling it twice is harmless.
     *
     * @throws StorageException if the final force or the close failed
     */
    @Override
    public void close() {
        // @scaffold-begin m2: Under the lock, once no leader is forcing: mark the log closed, force what is not durable yet (unless it failed), close the writer and drop the read maps; a second close does nothing.
        lock.lock();
        try {
            if (closed) {
                return;
            }
            commits.awaitNoForce();
            closed = true;
            try {
                if (failure == null && commits.durableSequence() < nextSequence - 1) {
                    writer.force();
                    commits.markDurable(nextSequence - 1);
                }
            } finally {
                try {
                    writer.close();
                } finally {
                    readers.releaseAll();
                }
            }
        } catch (IOException e) {
            throw new StorageException("cannot close the log in " + directory.path(), e);
        } finally {
            commits.releaseAll(); // a writer still waiting finds the log closed
            lock.unlock();
        }
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): WriteAheadLog.close, see LESSON.md step 2");
        // @scaffold-end
    }

    @Override
    public String toString() {
        return "WriteAheadLog[" + directory.path() + ", durability " + options.durability().word() + "]";
    }
}
