package companion.course.linearizability;

import companion.api.KeyValueStore;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** A correct concurrent store: every call is one atomic {@link ConcurrentHashMap} operation. */
final class MapBackedStore implements KeyValueStore {

    private final ConcurrentMap<String, String> map = new ConcurrentHashMap<>();

    @Override
    public Optional<String> get(String key) {
        return Optional.ofNullable(map.get(Objects.requireNonNull(key, "key")));
    }

    @Override
    public void put(String key, String value) {
        map.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    }

    @Override
    public void delete(String key) {
        map.remove(Objects.requireNonNull(key, "key"));
    }

    @Override
    public void close() {
    }
}
