package companion.bench.ycsb;

import companion.api.Durability;
import companion.api.KeyValueStore;
import companion.bench.engine.Engine;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One open store shared by every YCSB client thread of a run, counted by references and closed when the last
 * one is released.
 *
 * <p>This is the handoff between {@link YcsbRun} and {@link EngineDB}: YCSB creates one {@code DB} per client
 * thread and can only pass it string properties, so an {@link Engine} object cannot travel that way. The runner
 * therefore opens the store here, keyed by its directory, and holds the first reference for the whole run; each
 * {@code EngineDB.init} looks the store up by the {@code companion.dir} property and takes another reference, each
 * {@code cleanup} gives one back. Our stores are thread-safe, so sharing one instance is what a real application
 * would do, and it means the store is opened once and closed once per run, outside the timed phases.
 *
 * <p>It also holds the lock stripes that make {@link EngineDB}'s read-modify-write updates atomic per key, and the
 * first failure any thread saw (YCSB's client threads call {@code System.exit} on an exception, so the binding
 * reports errors as a status and parks the exception here for the runner to rethrow).
 */
final class SharedStore {
    private static final int STRIPES = 256;
    private static final Map<Path, SharedStore> OPEN = new HashMap<>();

    private final Path dir;
    private final String engine;
    private final Durability durability;
    private final KeyValueStore store;
    private final Object[] stripes = new Object[STRIPES];
    private final AtomicReference<RuntimeException> firstFailure = new AtomicReference<>();
    /** Guarded by {@code OPEN}. */
    private int references;

    private SharedStore(Path dir, String engine, Durability durability, KeyValueStore store) {
        this.dir = dir;
        this.engine = engine;
        this.durability = durability;
        this.store = store;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
    }

    /**
     * Opens {@code engine}'s store in {@code dir} and registers it, with one reference held by the caller.
     *
     * @throws IllegalStateException if a store is already open in {@code dir}
     */
    static SharedStore open(Engine engine, Durability durability, Path dir) {
        Path key = dir.toAbsolutePath().normalize();
        synchronized (OPEN) {
            if (OPEN.containsKey(key)) {
                throw new IllegalStateException("a YCSB store is already open in " + key + " ("
                        + OPEN.get(key).engine + "); each run needs its own directory");
            }
            // Opening under the lock is fine: runs are serialised anyway, and it keeps the map consistent.
            SharedStore shared = new SharedStore(key, engine.name(), durability, engine.open(key, durability));
            shared.references = 1;
            OPEN.put(key, shared);
            return shared;
        }
    }

    /**
     * Takes another reference to the store open in {@code dir}.
     *
     * @throws IllegalStateException if none is open there, or it belongs to another engine or durability
     */
    static SharedStore acquire(Path dir, String engine, Durability durability) {
        Path key = dir.toAbsolutePath().normalize();
        synchronized (OPEN) {
            SharedStore shared = OPEN.get(key);
            if (shared == null) {
                throw new IllegalStateException("no store is open in " + key + ": EngineDB attaches to the store"
                        + " that YcsbRun opened there (an Engine cannot be passed as a YCSB string property)");
            }
            if (!shared.engine.equals(engine) || shared.durability != durability) {
                throw new IllegalStateException("the store open in " + key + " is " + shared.engine + " at "
                        + shared.durability.word() + ", but the YCSB properties ask for " + engine + " at "
                        + durability.word());
            }
            shared.references++;
            return shared;
        }
    }

    /** Gives back one reference; the last one closes the store and unregisters it. */
    void release() {
        synchronized (OPEN) {
            if (references == 0) {
                throw new IllegalStateException("store in " + dir + " released more often than acquired");
            }
            references--;
            if (references > 0) {
                return;
            }
            OPEN.remove(dir);
        }
        // Closing outside the lock: a slow close (a final fsync) must not hold up other directories.
        store.close();
    }

    KeyValueStore store() {
        return store;
    }

    /** The lock that serialises writes to {@code key}; reads take none. */
    Object stripeFor(String key) {
        return stripes[Math.floorMod(key.hashCode(), STRIPES)];
    }

    /** Remembers {@code failure} if it is the first one; later ones are only counted by YCSB's statuses. */
    void failed(String operation, String key, RuntimeException failure) {
        firstFailure.compareAndSet(null, new IllegalStateException(engine + " failed YCSB " + operation + " of key '"
                + key + "' in " + dir + ": " + failure, failure));
    }

    /** The first failure seen by any client thread, or null. */
    RuntimeException firstFailure() {
        return firstFailure.get();
    }

    Path dir() {
        return dir;
    }
}
