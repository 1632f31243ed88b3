package companion.bench.jmh;

import companion.api.Durability;
import companion.database.kv.KVStore;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The reference {@link KVStore}'s hot paths, in operations per second.
 *
 * <ul>
 *   <li>{@link #put}: one append of a 16-byte key and 100-byte value (durability {@code none}: a {@code write(2)},
 *       no fsync) to a store that is fresh for each trial. The log grows by about 125 bytes per put, so a trial
 *       leaves hundreds of MiB in its temp dir until the tear-down deletes it.
 *   <li>{@link #getPresent} and {@link #getMissing}: a lookup in a store preloaded with 100,000 keys; no disk
 *       access at all, only the read lock and the hash map.
 *   <li>{@link #putGetMix}: half puts, half gets, from four threads at once. Against {@link #put} and
 *       {@link #getPresent} on one thread it shows what the store's single read-write lock costs: a put holds it
 *       alone for the whole {@code write(2)}, so readers queue behind writers.
 * </ul>
 *
 * Defaults suit a 2-core machine; JMH's command-line options ({@code -f -wi -i -w -r -t}) override them.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
public class KVStoreBenchmark {
    /** Keys in the preloaded store, and again as many keys that are certainly not in it. */
    static final int PRELOADED = 100_000;
    /**
     * Distinct keys a put trial cycles through: the first million puts of a trial add keys (the map grows and
     * rehashes, as a loading store's does), later ones overwrite them.
     */
    static final int PUT_KEYS = 1 << 20;
    /** Distinct values; values are only stored, never looked at, so a small pool is as good as a large one. */
    static final int VALUES = 1 << 10;

    /** An empty store in a fresh temp dir, for one trial of {@link #put}. */
    @State(Scope.Benchmark)
    public static class EmptyStore {
        final String[] keys = BenchData.keys(BenchData.SEED, PUT_KEYS);
        final String[] values = BenchData.values(BenchData.SEED + 1, VALUES);
        /** Not final: opened in {@link #open}, per trial, so that every trial starts from an empty log. */
        Path dir;
        /** Not final: see {@link #dir}. */
        KVStore store;

        /** Opens an empty store in a new temp dir. */
        @Setup(Level.Trial)
        public void open() {
            dir = BenchData.tempDir("jmh-kv-put");
            store = KVStore.open(dir.resolve("data.kv"), Durability.NONE);
        }

        /** Closes the store and deletes its directory. */
        @TearDown(Level.Trial)
        public void close() {
            store.close();
            BenchData.deleteTree(dir);
        }
    }

    /** A store holding {@value #PRELOADED} keys, plus as many keys known to be absent from it. */
    @State(Scope.Benchmark)
    public static class LoadedStore {
        final String[] present;
        final String[] missing;
        final String[] values = BenchData.values(BenchData.SEED + 1, VALUES);
        /** Not final: opened in {@link #open}, per trial. */
        Path dir;
        /** Not final: see {@link #dir}. */
        KVStore store;

        /** Splits one set of distinct keys in two, so that no "missing" key can be present by chance. */
        public LoadedStore() {
            String[] all = BenchData.keys(BenchData.SEED + 2, 2 * PRELOADED);
            present = Arrays.copyOfRange(all, 0, PRELOADED);
            missing = Arrays.copyOfRange(all, PRELOADED, 2 * PRELOADED);
        }

        /** Opens a store in a new temp dir and puts the present keys. */
        @Setup(Level.Trial)
        public void open() {
            dir = BenchData.tempDir("jmh-kv-get");
            store = KVStore.open(dir.resolve("data.kv"), Durability.NONE);
            for (int i = 0; i < PRELOADED; i++) {
                store.put(present[i], values[i & (VALUES - 1)]);
            }
        }

        /** Closes the store and deletes its directory. */
        @TearDown(Level.Trial)
        public void close() {
            store.close();
            BenchData.deleteTree(dir);
        }
    }

    /** Puts the next pre-generated key; nothing to consume, the store's side effect is the result. */
    @Benchmark
    public void put(EmptyStore s, Cursor cursor) {
        int i = cursor.next(PUT_KEYS);
        s.store.put(s.keys[i], s.values[i & (VALUES - 1)]);
    }

    /** Gets a key that is in the store. */
    @Benchmark
    public void getPresent(LoadedStore s, Cursor cursor, Blackhole bh) {
        bh.consume(s.store.get(s.present[cursor.next(PRELOADED)]));
    }

    /** Gets a key that is not in the store. */
    @Benchmark
    public void getMissing(LoadedStore s, Cursor cursor, Blackhole bh) {
        bh.consume(s.store.get(s.missing[cursor.next(PRELOADED)]));
    }

    /**
     * Even calls put (overwriting a preloaded key, so the map keeps its size), odd calls get; four threads at once.
     * Each call is one operation, so the figure compares directly with {@link #put} and {@link #getPresent}.
     */
    @Benchmark
    @Threads(4)
    public void putGetMix(LoadedStore s, Cursor cursor, Blackhole bh) {
        int i = cursor.next(PRELOADED);
        if ((i & 1) == 0) {
            s.store.put(s.present[i], s.values[i & (VALUES - 1)]);
        } else {
            bh.consume(s.store.get(s.present[i]));
        }
    }
}
