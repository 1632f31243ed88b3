package companion.database.storage.io;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A simulated disk for tests: a {@link StorageDirectory} that remembers, for every file, the bytes forced and the
 * bytes merely written, and for the directory, the names synced and the names merely created or renamed. A test
 * cuts the power with {@link #crash()} (or a variant) and then reopens whatever it tests on the same directory.
 * LevelDB's {@code FaultInjectionTestEnv} is the model.
 *
 * <pre>{@code
 * FaultInjectingDirectory disk = new FaultInjectingDirectory();
 * WriteAheadLog log = WriteAheadLog.open(disk, LogOptions.of(Durability.NONE), (r, at, reader) -> { });
 * log.append(put1);  log.sync();  log.append(put2);
 * disk.crash();                                                 // put2 was never forced: gone
 * WriteAheadLog.open(disk, options, (r, at, reader) -> replayed.add(r)); // replayed == [#1 put1]
 * }</pre>
 *
 * Faults on command:
 * <ul>
 *   <li>{@link #crash()}: every unforced byte is lost, every name not synced is forgotten;
 *   <li>{@link #crashKeepingPrefix}, {@link #crashKeepingRandomPrefix}: one file keeps the first n unforced bytes,
 *       in write order;
 *   <li>{@link #crashTearingLastPage}: one file keeps all its unforced bytes but the end of the last page written;
 *   <li>{@link #flipBit}: damage on the medium, in the forced and the current bytes alike;
 *   <li>{@link #failNextForce()}: the next force throws {@link IOException} and makes nothing durable;
 *   <li>{@link #beforeEachForce}: a hook run before each force, outside every lock, so a test can hold a force
 *       back until a condition holds (e.g. until concurrent writers have appended).
 * </ul>
 *
 * <p>Thread-safe: this object's monitor guards every field and every file's contents. Counters
 * ({@link #forceCount()}, {@link #writeCount()}) make I/O measurable, as RookieDB's tests count page I/Os.
 */
public final class FaultInjectingDirectory implements StorageDirectory {
    private final Path path;
    /** Guarded by this. The names reads see. */
    private Map<String, SimulatedFile> files = new TreeMap<>();
    /** Guarded by this. The names as of the last {@link #sync()}: what survives a crash. */
    private Map<String, SimulatedFile> durableFiles = new TreeMap<>();
    /** Guarded by this. Handles not closed yet; a crash closes them. */
    private final List<FaultInjectingFile> handles = new ArrayList<>();
    /** Guarded by this. */
    private int forces;
    /** Guarded by this. */
    private int writes;
    /** Guarded by this. */
    private int failingForces;
    /** Volatile: set by the test thread, read by every thread that forces, without the monitor. */
    private volatile Consumer<String> forceHook = name -> { };

    /** An empty simulated directory named {@code fault-injecting} in messages. */
    public FaultInjectingDirectory() {
        this(Path.of("fault-injecting"));
    }

    /** An empty simulated directory named {@code path} in messages. */
    public FaultInjectingDirectory(Path path) {
        this.path = path;
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public synchronized List<String> list() {
        return new ArrayList<>(files.keySet());
    }

    @Override
    public synchronized StorageFile open(String name) throws IOException {
        SimulatedFile contents = files.get(StorageDirectory.checkName(name));
        if (contents == null) {
            throw new NoSuchFileException(path.resolve(name).toString());
        }
        return handle(name, contents);
    }

    @Override
    public synchronized StorageFile create(String name) throws IOException {
        if (files.containsKey(StorageDirectory.checkName(name))) {
            throw new FileAlreadyExistsException(path.resolve(name).toString());
        }
        SimulatedFile contents = new SimulatedFile();
        files.put(name, contents);
        return handle(name, contents);
    }

    @Override
    public synchronized void rename(String from, String to) throws IOException {
        SimulatedFile contents = files.remove(StorageDirectory.checkName(from));
        if (contents == null) {
            throw new NoSuchFileException(path.resolve(from).toString());
        }
        files.put(StorageDirectory.checkName(to), contents);
    }

    @Override
    public synchronized void delete(String name) throws IOException {
        if (files.remove(StorageDirectory.checkName(name)) == null) {
            throw new NoSuchFileException(path.resolve(name).toString());
        }
    }

    @Override
    public synchronized void sync() {
        durableFiles = new TreeMap<>(files);
    }

    /** Cuts the power: every file keeps only its forced bytes, the directory only its synced names. */
    public synchronized void crash() {
        restart(null, contents -> contents.crashKeepingPrefix(0));
    }

    /**
     * Cuts the power while file {@code name} had {@code keep} of its unforced bytes on their way to the disk: it
     * keeps those (the first ones written), every other file only its forced bytes. Returns the bytes kept.
     */
    public synchronized long crashKeepingPrefix(String name, long keep) {
        long[] kept = {0};
        restart(name, contents -> kept[0] = contents.crashKeepingPrefix(keep));
        return kept[0];
    }

    /**
     * {@link #crashKeepingPrefix} with a prefix drawn from {@code random}: 0 to all of the file's unforced bytes.
     * Seed {@code random} and print the seed, so that a failure can be replayed.
     */
    public synchronized long crashKeepingRandomPrefix(String name, Random random) {
        return crashKeepingPrefix(name, random.nextLong(contents(name).unforcedBytes() + 1));
    }

    /**
     * Cuts the power while file {@code name} was writing back its last dirty page: it keeps all its unforced bytes
     * except those of that page from {@code keepInPage} bytes in; other files keep only their forced bytes.
     * Returns the offset in {@code name} from which bytes were lost.
     */
    public synchronized long crashTearingLastPage(String name, int keepInPage) {
        if (keepInPage < 0 || keepInPage >= SimulatedFile.PAGE) {
            throw new IllegalArgumentException("keepInPage outside [0, " + SimulatedFile.PAGE + "): " + keepInPage);
        }
        long[] tornFrom = {0};
        restart(name, contents -> tornFrom[0] = contents.crashTearingLastPage(keepInPage));
        return tornFrom[0];
    }

    /** Flips bit {@code bit} (0 to 7) of byte {@code offset} of file {@code name}: damage on the medium. */
    public synchronized void flipBit(String name, long offset, int bit) {
        contents(name).flipBit(offset, bit);
    }

    /** Makes the next force, of any file, throw an {@link IOException}; nothing becomes durable by it. */
    public synchronized void failNextForce() {
        failingForces++;
    }

    /** Runs {@code hook} with the file's name before every force, on the forcing thread, holding no lock. */
    public void beforeEachForce(Consumer<String> hook) {
        forceHook = hook;
    }

    /** Forces that succeeded, of every file, since this directory was made. */
    public synchronized int forceCount() {
        return forces;
    }

    /** Writes, of every file, since this directory was made. */
    public synchronized int writeCount() {
        return writes;
    }

    /** Bytes written to file {@code name} since it was last forced. */
    public synchronized long unforcedBytes(String name) {
        return contents(name).unforcedBytes();
    }

    /** A copy of file {@code name}'s bytes, as reads see them. */
    public synchronized byte[] bytes(String name) {
        return contents(name).bytes();
    }

    void beforeForce(String name) {
        forceHook.accept(name);
    }

    /** Requires: this monitor is held. */
    void checkForceFault(Path file) throws IOException {
        if (failingForces > 0) {
            failingForces--;
            throw new IOException("injected fault: fsync of " + file + " failed");
        }
    }

    /** Requires: this monitor is held. */
    void countForce() {
        forces++;
    }

    /** Requires: this monitor is held. */
    void countWrite() {
        writes++;
    }

    private FaultInjectingFile handle(String name, SimulatedFile contents) {
        FaultInjectingFile handle = new FaultInjectingFile(this, name, contents);
        handles.add(handle);
        return handle;
    }

    private SimulatedFile contents(String name) {
        SimulatedFile contents = files.get(name);
        if (contents == null) {
            throw new IllegalArgumentException("no file '" + name + "' in " + files.keySet());
        }
        return contents;
    }

    /**
     * The crash itself: close every handle, forget names not synced, and let each file decide what it keeps (the
     * file {@code special}, if not null, with {@code crash}; the others lose every unforced byte).
     */
    private void restart(String special, Consumer<SimulatedFile> crash) {
        SimulatedFile chosen = special == null ? null : contents(special);
        handles.forEach(FaultInjectingFile::closeByCrash);
        handles.clear();
        Set<SimulatedFile> all = Collections.newSetFromMap(new IdentityHashMap<>());
        all.addAll(files.values());
        all.addAll(durableFiles.values());
        for (SimulatedFile contents : all) {
            if (contents == chosen || special == null) {
                crash.accept(contents);
            } else {
                contents.crashKeepingPrefix(0);
            }
        }
        files = new TreeMap<>(durableFiles);
    }
}
