package companion.bench.ycsb;

import companion.api.Durability;
import companion.api.KeyValueStore;
import companion.bench.engine.Engine;
import companion.bench.engine.EngineSettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test engine: an in-memory, thread-safe store over a {@link ConcurrentHashMap}, so these tests depend on no
 * real adapter. It remembers the map of each directory it opened and counts opens and closes, so tests can look at
 * what the binding stored and check that the store was opened and closed exactly once.
 */
final class MapEngine implements Engine {
    final Map<Path, Map<String, String>> contents = new ConcurrentHashMap<>();
    final AtomicInteger opens = new AtomicInteger();
    final AtomicInteger closes = new AtomicInteger();
    /** When set, every {@code get} throws: a store that breaks mid-run. */
    volatile boolean failReads;

    @Override
    public String name() {
        return "map";
    }

    @Override
    public EngineSettings settings(Durability durability) {
        return EngineSettings.honoured(name(), durability.word(), EngineSettings.ordered("memory", "only"));
    }

    @Override
    public KeyValueStore open(Path dir, Durability durability) {
        opens.incrementAndGet();
        Map<String, String> map = new ConcurrentHashMap<>();
        contents.put(dir, map);
        return new Store(map);
    }

    private final class Store implements KeyValueStore {
        private final Map<String, String> map;
        private volatile boolean closed;

        Store(Map<String, String> map) {
            this.map = map;
        }

        @Override
        public Optional<String> get(String key) {
            open();
            if (failReads) {
                throw new IllegalStateException("map store: reads fail on purpose");
            }
            return Optional.ofNullable(map.get(Objects.requireNonNull(key, "key")));
        }

        @Override
        public void put(String key, String value) {
            open();
            map.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        }

        @Override
        public void delete(String key) {
            open();
            map.remove(Objects.requireNonNull(key, "key"));
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                closes.incrementAndGet();
            }
        }

        private void open() {
            if (closed) {
                throw new IllegalStateException("map store is closed");
            }
        }
    }
}
