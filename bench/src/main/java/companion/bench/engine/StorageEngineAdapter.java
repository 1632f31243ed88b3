package companion.bench.engine;

import companion.api.Durability;
import companion.api.KeyValueStore;
import companion.api.StorageEngine;
import companion.course.catalog.EntryPoint;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Milestone 2's reference engine ({@code companion.database.storage.LogStructuredStore}) as a benchmark engine,
 * named {@code reference-m2}. The workloads speak strings; like every peer that stores bytes, this adapter encodes
 * them as UTF-8, so all engines pay the same conversion. Reached by reflection, like {@link CourseEngine}, so the
 * learner's JVM never needs the reference on its classpath.
 */
public final class StorageEngineAdapter implements Engine {
    private static final String CLASS = "companion.database.storage.LogStructuredStore";

    @Override
    public String name() {
        return "reference-m2";
    }

    @Override
    public EngineSettings settings(Durability durability) {
        String fsync = switch (durability) {
            case NONE -> "never";
            case SYNC -> "fdatasync per write";
            case GROUP -> "one fdatasync shared by the writers waiting (group commit)";
        };
        return EngineSettings.honoured(name(), durability.word(), EngineSettings.ordered(
                "fsync", fsync,
                "log", "write-ahead log, CRC32C per record, 64 MiB preallocated segments",
                "index", "every key in memory; a get reads its record from the log",
                "compaction", "background, when the log holds 3x the live bytes"));
    }

    @Override
    public KeyValueStore open(Path dir, Durability durability) {
        StorageEngine engine = (StorageEngine) EntryPoint.resolve(CLASS + "#open", StorageEngineAdapter.class
                .getClassLoader(), "the benchmark opens the store through it", Path.class, Durability.class)
                .call(dir, durability);
        return new KeyValueStore() {
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
            public void close() {
                engine.close();
            }
        };
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
