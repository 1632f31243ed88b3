package companion.course.mutants;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import companion.api.CorruptionException;
import companion.api.Durability;
import companion.api.StorageEngine;
import companion.api.StorageException;
import companion.api.WriteBatch;
import companion.api.WriteBatch.Operation;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * A small storage engine that tests the milestone 2 criteria and the crash harness: correct, except for the one
 * {@link EngineFlaw} it is opened with. Test code only, and not a model of a good engine (the reference's
 * {@code LogStructuredStore} is): one append-only log of {@link RecordCodec} records, replayed on open into a hash
 * map that holds every value.
 *
 * <pre>{@code
 * try (FlawedEngine engine = FlawedEngine.open(dir, Durability.SYNC, EngineFlaw.NONE)) {
 *     engine.put(key, value);     // one record appended and forced before put returns
 *     engine.compact();           // the live entries rewritten to a new log, renamed over the old one
 * }
 * FlawedEngine.open(dir, Durability.SYNC);   // the flaw named by -Dcompanion.engineFlaw (the crash harness's way)
 * }</pre>
 *
 * <pre>
 *   dir/log              every write since the last compaction, one record per batch
 *   dir/log.compacting   only during a compaction; deleted on open (the log is still whole then)
 * </pre>
 *
 * <p>The correct engine ({@link EngineFlaw#NONE}):
 * <ul>
 *   <li><b>Writes</b> append one record per batch, so a batch is atomic; under sync and group the log is forced
 *       before the write returns (group commit is treated as sync: no force is shared).
 *   <li><b>Open</b> replays every whole, valid record. A torn last record is cut off, so appends go right after
 *       the last good one; a damaged record with more bytes after it is a {@link CorruptionException} naming its
 *       offset.
 *   <li><b>Compaction</b> writes the live entries to {@code log.compacting}, forces it, renames it over
 *       {@code log}, syncs the directory, and swaps in an index rebuilt from the new file, all under the lock: a
 *       crash leaves the old log or the new one, and readers see the same values throughout.
 * </ul>
 *
 * <p>One monitor (this) guards all state and every public method holds it for the whole call (only
 * {@link EngineFlaw#COMPACTION_RESETS_INDEX} lets go early), so each call is atomic and compaction blocks readers.
 * Simplifications: values live in memory (a real index holds file offsets, which is why compaction rebuilds it here
 * too); one log file, rewritten whole by compaction; no group commit.
 */
public final class FlawedEngine implements StorageEngine {
    /** How many acknowledged records {@link EngineFlaw#ACK_BEFORE_WRITE} gathers in memory before writing them. */
    static final int HELD_RECORDS = 16;
    /** Live entries per record of a compacted log: few headers, so the file is little more than keys and values. */
    static final int ENTRIES_PER_RECORD = 256;
    /**
     * {@link EngineFlaw#COMPACTION_IN_PLACE}'s pause after each rewritten record: a forced write on a slow disk.
     * Without it the rewrite of a few dozen records takes a few ms on an SSD, and too few of the crash harness's
     * kills land inside it (with a quarter of thread 0's operations compacting, 20% of runs instead of 26%).
     */
    static final long IN_PLACE_PAUSE_NANOS = 1_000_000;
    static final String LOG = "log";
    static final String COMPACTING = "log.compacting";

    private final Path dir;
    private final Path logFile;
    private final Durability durability;
    private final EngineFlaw flaw;
    /**
     * Key (its bytes read as ISO-8859-1, one char a byte) to value; the arrays are never handed out. Guarded by
     * this, and replaced by compaction; concurrent only because {@link EngineFlaw#COMPACTION_RESETS_INDEX} refills
     * it outside the lock.
     */
    private Map<String, byte[]> index;
    /** The log, positioned at its end, where the next record goes. Guarded by this; replaced by compaction. */
    private FileChannel log;
    /** {@link EngineFlaw#ACK_BEFORE_WRITE}: acknowledged records not written yet. Guarded by this. */
    private final List<ByteBuffer> held = new ArrayList<>();

    private FlawedEngine(Path dir, Durability durability, EngineFlaw flaw, FileChannel log,
                         Map<String, byte[]> index) {
        this.dir = dir;
        this.logFile = dir.resolve(LOG);
        this.durability = durability;
        this.flaw = flaw;
        this.log = log;
        this.index = index;
    }

    /** Opens the engine with the flaw that the system property {@value EngineFlaw#PROPERTY} names (unset: none). */
    public static FlawedEngine open(Path dir, Durability durability) {
        return open(dir, durability, EngineFlaw.fromSystemProperty());
    }

    /**
     * Opens (or creates) the engine in {@code dir}, making the mistake {@code flaw}.
     *
     * @throws CorruptionException when a record before the log's tail is damaged
     * @throws StorageException    when the directory or the log cannot be read or written
     */
    public static FlawedEngine open(Path dir, Durability durability, EngineFlaw flaw) {
        Objects.requireNonNull(durability, "durability");
        Objects.requireNonNull(flaw, "flaw");
        Path logFile = dir.resolve(LOG);
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(dir.resolve(COMPACTING));
            FileChannel log = FileChannel.open(logFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            Map<String, byte[]> index = new ConcurrentHashMap<>();
            try {
                recover(logFile, log, flaw, index);
            } catch (IOException | RuntimeException e) {
                log.close();
                throw e;
            }
            return new FlawedEngine(dir, durability, flaw, log, index);
        } catch (IOException e) {
            throw new StorageException("cannot open " + logFile, e);
        }
    }

    /** Replays {@code logFile} into {@code index} and positions {@code log} where the next record belongs. */
    private static void recover(Path logFile, FileChannel log, EngineFlaw flaw, Map<String, byte[]> index)
            throws IOException {
        RecordCodec.Replay replay = RecordCodec.replay(ByteBuffer.wrap(Files.readAllBytes(logFile)),
                flaw != EngineFlaw.NO_CHECKSUM, ops -> apply(index, ops));
        if (flaw == EngineFlaw.APPENDS_AFTER_TORN_TAIL) {
            log.position(log.size()); // the mistake: what stopped the replay stays, and appends go after it
            return;
        }
        if (replay.ending() == RecordCodec.Ending.DAMAGED) {
            throw new CorruptionException(logFile, replay.end(), replay.why());
        }
        log.truncate(replay.end());
        log.position(replay.end());
    }

    @Override
    public synchronized Optional<byte[]> get(byte[] key) {
        return Optional.ofNullable(index.get(keyOf(key))).map(byte[]::clone);
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
        if (batch.size() == 0) {
            return;
        }
        try {
            if (flaw == EngineFlaw.SPLIT_BATCHES) {
                for (Operation op : batch.operations()) {
                    append(List.of(op)); // the mistake: a crash can land between two records of one batch
                }
            } else {
                append(batch.operations());
            }
        } catch (IOException e) {
            throw new StorageException("cannot append to " + logFile, e);
        }
        apply(index, batch.operations());
    }

    /** Appends one record and makes it as durable as the durability says. Requires: the monitor of this is held. */
    private void append(List<Operation> ops) throws IOException {
        held.add(RecordCodec.encode(ops));
        if (flaw == EngineFlaw.ACK_BEFORE_WRITE && held.size() < HELD_RECORDS) {
            return; // the mistake: acknowledged while the record is only in this JVM's memory
        }
        writeHeld();
        if (durability != Durability.NONE) {
            force(log);
        }
    }

    /** Writes the held records to the log. Requires: the monitor of this is held. */
    private void writeHeld() throws IOException {
        for (ByteBuffer record : held) {
            writeFully(log, record);
        }
        held.clear();
    }

    @Override
    public synchronized List<Entry> scan(byte[] prefix) {
        String start = keyOf(prefix);
        List<Entry> found = new ArrayList<>();
        index.forEach((key, value) -> {
            if (key.startsWith(start)) {
                found.add(new Entry(key.getBytes(ISO_8859_1), value.clone()));
            }
        });
        return found;
    }

    @Override
    public synchronized void flush() {
        try {
            writeHeld();
            force(log);
        } catch (IOException e) {
            throw new StorageException("cannot flush " + logFile, e);
        }
    }

    @Override
    public synchronized void close() {
        if (!log.isOpen()) {
            return;
        }
        try (FileChannel closing = log) {
            writeHeld();
            force(closing);
        } catch (IOException e) {
            throw new StorageException("cannot close " + logFile, e);
        }
    }

    /**
     * Rewrites the log with only the live entries (see the class doc). Reads and writes wait meanwhile.
     *
     * @return the number of entries the compacted log holds
     */
    public int compact() {
        Map<String, byte[]> fresh;
        Map<String, byte[]> live;
        synchronized (this) {
            try {
                writeHeld();
                if (flaw == EngineFlaw.COMPACTION_IN_PLACE) {
                    return rewriteInPlace();
                }
                fresh = swapInLog(compactedRecords());
            } catch (IOException e) {
                throw new StorageException("cannot compact " + logFile, e);
            }
            if (flaw != EngineFlaw.COMPACTION_RESETS_INDEX) {
                index = fresh;
                return fresh.size();
            }
            live = index;
            live.clear(); // the mistake: the lock is released with the index empty, and refilled below
        }
        for (Map.Entry<String, byte[]> entry : fresh.entrySet()) {
            live.putIfAbsent(entry.getKey(), entry.getValue()); // a write since the clear stays
            Thread.yield(); // widens the window in which a reader finds a live key missing
        }
        return fresh.size();
    }

    /** The records of the compacted log. Requires: the monitor of this is held. */
    private List<ByteBuffer> compactedRecords() throws IOException {
        if (flaw == EngineFlaw.COMPACTION_COPIES_EVERYTHING) {
            return List.of(ByteBuffer.wrap(Files.readAllBytes(logFile))); // the mistake: dead records copied too
        }
        if (flaw != EngineFlaw.COMPACTION_KEEPS_OLDEST) {
            return records(index);
        }
        Map<String, byte[]> oldest = new LinkedHashMap<>();
        RecordCodec.replay(ByteBuffer.wrap(Files.readAllBytes(logFile)), true, ops -> {
            for (Operation op : ops) {
                if (!op.isDelete() && index.containsKey(keyOf(op.key()))) {
                    oldest.putIfAbsent(keyOf(op.key()), op.value()); // the mistake: the first value, not the last
                }
            }
        });
        return records(oldest);
    }

    /** The entries of {@code entries} as records of up to {@value #ENTRIES_PER_RECORD} puts. */
    private static List<ByteBuffer> records(Map<String, byte[]> entries) {
        List<ByteBuffer> records = new ArrayList<>();
        List<Operation> ops = new ArrayList<>();
        for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
            ops.add(new Operation(entry.getKey().getBytes(ISO_8859_1), entry.getValue()));
            if (ops.size() == ENTRIES_PER_RECORD) {
                records.add(RecordCodec.encode(ops));
                ops.clear();
            }
        }
        if (!ops.isEmpty()) {
            records.add(RecordCodec.encode(ops));
        }
        return records;
    }

    /**
     * Writes {@code records} to a new file, forces it, renames it over the log, syncs the directory, and returns
     * the new file's entries. Requires: the monitor of this is held.
     */
    private Map<String, byte[]> swapInLog(List<ByteBuffer> records) throws IOException {
        Path next = dir.resolve(COMPACTING);
        try (FileChannel out = FileChannel.open(next, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            for (ByteBuffer record : records) {
                writeFully(out, record);
            }
            force(out); // before the rename: a crash must never find a log that is only partly on disk
        }
        Files.move(next, logFile, StandardCopyOption.ATOMIC_MOVE);
        syncDirectory();
        log.close();
        log = FileChannel.open(logFile, StandardOpenOption.READ, StandardOpenOption.WRITE);
        log.position(log.size());
        Map<String, byte[]> fresh = new ConcurrentHashMap<>();
        RecordCodec.replay(ByteBuffer.wrap(Files.readAllBytes(logFile)), true, ops -> apply(fresh, ops));
        return fresh;
    }

    /**
     * {@link EngineFlaw#COMPACTION_IN_PLACE}: empties the log and writes the live entries back into it, one record
     * each, forced under sync and group, with a pause after each. Requires: the monitor of this is held.
     */
    private int rewriteInPlace() throws IOException {
        List<Operation> live = new ArrayList<>();
        index.forEach((key, value) -> live.add(new Operation(key.getBytes(ISO_8859_1), value)));
        log.truncate(0); // the mistake: until the last record is back, a crash loses those not yet rewritten
        log.position(0);
        for (Operation op : live) {
            append(List.of(op));
            LockSupport.parkNanos(IN_PLACE_PAUSE_NANOS);
        }
        return live.size();
    }

    /** Makes a rename in the directory durable. */
    private void syncDirectory() {
        if (flaw == EngineFlaw.NO_FORCE) {
            return;
        }
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException e) {
            // Some platforms (Windows) cannot open a directory: there the rename is as durable as the OS makes it.
            return;
        }
    }

    /** fsync, except under {@link EngineFlaw#NO_FORCE}. */
    private void force(FileChannel channel) throws IOException {
        if (flaw != EngineFlaw.NO_FORCE) {
            channel.force(false);
        }
    }

    private static void writeFully(FileChannel channel, ByteBuffer bytes) throws IOException {
        ByteBuffer record = bytes.duplicate();
        while (record.hasRemaining()) {
            channel.write(record);
        }
    }

    private static void apply(Map<String, byte[]> index, List<Operation> ops) {
        for (Operation op : ops) {
            if (op.isDelete()) {
                index.remove(keyOf(op.key()));
            } else {
                index.put(keyOf(op.key()), op.value().clone());
            }
        }
    }

    private static String keyOf(byte[] key) {
        return new String(Objects.requireNonNull(key, "key is null"), ISO_8859_1);
    }
}
