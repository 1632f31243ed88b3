package companion.bench.engine;

import companion.api.Durability;
import companion.api.KeyValueStore;
import java.nio.file.Path;

/**
 * A database the benchmarks can run: the learner's store, the reference, or a peer such as RocksDB.
 *
 * <pre>{@code
 * Engine engine = Engines.named("rocksdb");
 * EngineSettings settings = engine.settings(Durability.NONE);     // what "none" means for RocksDB
 * if (settings.honoured()) {
 *     try (KeyValueStore store = engine.open(dir, Durability.NONE)) { ... }
 * }
 * }</pre>
 *
 * Implementations are stateless: everything lives in the store that {@link #open} returns, and closing the store
 * releases every resource (files, native handles, threads).
 */
public interface Engine {

    /** Short lower-case name used on the command line and in results: {@code rocksdb}, {@code reference}, .... */
    String name();

    /**
     * How this engine runs at {@code durability}: the settings that matter for fairness (sync mode, WAL, cache,
     * batch size), or why it cannot honour that durability at all.
     */
    EngineSettings settings(Durability durability);

    /**
     * Opens a store in {@code dir} (an empty directory the caller owns) at {@code durability}. String keys and
     * values; an engine storing bytes encodes them as UTF-8.
     *
     * @throws IllegalArgumentException if {@code settings(durability)} is not honoured
     */
    KeyValueStore open(Path dir, Durability durability);
}
