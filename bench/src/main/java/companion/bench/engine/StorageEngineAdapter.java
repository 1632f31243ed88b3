package companion.bench.engine;

import companion.api.Durability;
import companion.api.KeyValueStore;
import companion.api.StorageEngine;
import companion.course.catalog.Catalog;
import companion.course.catalog.Compaction;
import companion.course.catalog.Entry;
import companion.course.catalog.EntryPoint;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Milestone 2's engine ({@code companion.database.storage.LogStructuredStore}) as a benchmark engine. One adapter,
 * three names: {@code reference} and {@code yours} at milestone 2 (which code runs is decided by the child JVM's
 * classpath, as for {@link CourseEngine}: a learner's run has no reference on it), and {@code reference-m2}, the
 * reference's engine by name at any milestone.
 *
 * <p>The workloads speak strings; like every peer that stores bytes, this adapter encodes them as UTF-8, so all
 * engines pay the same conversion. Compaction on demand is the engine's public no-argument {@code compact()}, found
 * by reflection as the crash harness finds it ({@code companion.course.crash.CrashWriter}), since the
 * {@link StorageEngine} contract does not name one.
 */
public final class StorageEngineAdapter implements Engine {
    /** The static {@code open(Path, Durability)} to call when the catalog names none for milestone 2. */
    static final String OPENER = "companion.database.storage.LogStructuredStore#open";

    private final String name;

    /** The reference's engine under the name {@code reference-m2}. */
    public StorageEngineAdapter() {
        this("reference-m2");
    }

    /**
     * @param name {@code reference}, {@code reference-m2} or {@code yours}
     */
    public StorageEngineAdapter(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public EngineSettings settings(Durability durability) {
        String fsync = switch (durability) {
            case NONE -> "never";
            case SYNC -> "fdatasync per write";
            case GROUP -> "one fdatasync shared by the writers waiting (group commit)";
        };
        if (name.equals("yours")) {
            // The learner's design is whatever they wrote: claim only what the contract asks for.
            return EngineSettings.honoured(name, durability.word(), EngineSettings.ordered(
                    "fsync", fsync + " (as the contract asks)", "design", "yours: see writes/op and bytes/op"));
        }
        String waiting = durability == Durability.GROUP
                ? "; a waiting writer parks (no yield: LogOptions default)" : "";
        return EngineSettings.honoured(name, durability.word(), EngineSettings.ordered(
                "fsync", fsync + waiting,
                "log", "write-ahead log, CRC32C per record, 16 MiB preallocated segments (LogOptions default)",
                "append", durability == Durability.NONE
                        ? "a copy into a writable shared memory map of the active segment (no system call;"
                        + " in the OS's page cache before put returns, as a write is)"
                        : durability == Durability.GROUP
                        ? "a copy into a log buffer (no system call); the group's leader writes the buffer with one"
                        + " pwrite just before its fdatasync"
                        : "pwrite of the record, then the fdatasync above",
                "index", "a hash index of log addresses, 16 bytes a slot, no keys in memory; a get reads its record"
                        + " through a memory map of its segment and compares the key there",
                "compaction", "background, when the log holds 3x the live bytes; compact() on demand"));
    }

    @Override
    public KeyValueStore open(Path dir, Durability durability) {
        settings(durability).requireHonoured();
        StorageEngine engine = (StorageEngine) EntryPoint.resolve(opener(), StorageEngineAdapter.class
                .getClassLoader(), "the benchmark opens the store through it", Path.class, Durability.class)
                .call(dir, durability);
        return new Store(engine, Compaction.of(engine));
    }

    /** Milestone 2's entry point as the catalog names it (as {@link CourseEngine} reads milestone 1's). */
    private static String opener() {
        Entry entry = Catalog.load().milestone(2).entry();
        return entry != null && entry.opener() != null ? entry.opener() : OPENER;
    }

    /** The engine behind the string contract. */
    private record Store(StorageEngine engine, Optional<Compaction> onDemand) implements KeyValueStore, Compactable {
        @Override
        public Optional<String> get(String key) {
            return engine.get(bytes(key)).map(v -> new String(v, StandardCharsets.UTF_8));
        }

        @Override
        public void put(String key, String value) {
            engine.put(bytes(key), bytes(value));
        }

        @Override
        public void delete(String key) {
            engine.delete(bytes(key));
        }

        @Override
        public Optional<String> compaction() {
            return onDemand.map(c -> "compact()");
        }

        @Override
        public void compact() {
            onDemand.orElseThrow(() -> new UnsupportedOperationException(engine.getClass().getName()
                    + " has no public compact() method")).run();
        }

        @Override
        public void close() {
            engine.close();
        }

        private static byte[] bytes(String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
    }
}
