package companion.bench.baseline;

import companion.api.Durability;
import companion.api.KeyValueStore;
import companion.bench.engine.Engine;
import companion.bench.engine.EngineSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory ceiling, named {@code hashmap}: a {@link ConcurrentHashMap} from key bytes to value bytes. A put
 * encodes both strings as UTF-8 and stores the arrays; a get looks the key's bytes up and decodes the value. That
 * is the least any engine of the benchmark does per call (every byte-oriented engine converts the same way), with
 * no log, no checksum and no system call.
 *
 * <p>It runs at durability {@code none} only, and is weaker than {@code none} means (nothing is handed to the OS,
 * so a killed process loses everything); its settings say so on every line. The map starts at its default capacity
 * and grows while it is filled, as a learner's {@code HashMap} would.
 */
public final class HashMapBaseline implements Engine {
    private static final String NAME = "hashmap";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public EngineSettings settings(Durability durability) {
        if (durability != Durability.NONE) {
            return EngineSettings.notHonoured(NAME, durability.word(),
                    "an in-memory ceiling: it has nothing to sync, so it runs at none only");
        }
        return EngineSettings.honoured(NAME, durability.word(), EngineSettings.ordered(
                "durability", "weaker than none: nothing leaves the JVM (a ceiling, not a database)",
                "map", "ConcurrentHashMap<key bytes, value bytes>, default capacity, grows as it fills",
                "encoding", "UTF-8 both ways, as every byte-oriented engine"));
    }

    @Override
    public KeyValueStore open(Path dir, Durability durability) {
        settings(durability).requireHonoured();
        return new Store();
    }

    /** A byte-array key: arrays compare by identity, so the map needs their contents' equality and hash. */
    private static final class Key {
        private final byte[] bytes;
        private final int hash;

        Key(byte[] bytes) {
            this.bytes = bytes;
            this.hash = Arrays.hashCode(bytes);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && hash == key.hash && Arrays.equals(bytes, key.bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private static final class Store implements KeyValueStore {
        private final ConcurrentHashMap<Key, byte[]> map = new ConcurrentHashMap<>();
        /** Set once by {@link #close()}; volatile so every thread's next call sees it. */
        private volatile boolean closed;

        @Override
        public Optional<String> get(String key) {
            byte[] value = map.get(key(key));
            return value == null ? Optional.empty() : Optional.of(new String(value, StandardCharsets.UTF_8));
        }

        @Override
        public void put(String key, String value) {
            Objects.requireNonNull(value, "value is null");
            Key k = key(key);
            map.put(k, value.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void delete(String key) {
            map.remove(key(key));
        }

        @Override
        public void close() {
            closed = true;
            map.clear();
        }

        private Key key(String key) {
            Objects.requireNonNull(key, "key is null");
            if (closed) {
                throw new IllegalStateException("the hashmap baseline is closed");
            }
            return new Key(key.getBytes(StandardCharsets.UTF_8));
        }
    }
}
