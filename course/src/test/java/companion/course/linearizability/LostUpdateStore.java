package companion.course.linearizability;

import companion.api.KeyValueStore;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A broken store with a classic race: every write copies the whole map, changes the copy and publishes it, without a
 * lock. Two writers that copy the same version both publish, and the second silently discards the first one's
 * change, even though that {@code put} already returned. Reads are atomic (one volatile read), so lost updates are the
 * only bug. {@link Thread#yield()} between copying and publishing widens the window so the race happens often.
 */
final class LostUpdateStore implements KeyValueStore {

    private volatile Map<String, String> map = new HashMap<>();

    @Override
    public Optional<String> get(String key) {
        return Optional.ofNullable(map.get(key));
    }

    @Override
    public void put(String key, String value) {
        Map<String, String> copy = new HashMap<>(map);
        copy.put(key, value);
        Thread.yield();
        map = copy;
    }

    @Override
    public void delete(String key) {
        Map<String, String> copy = new HashMap<>(map);
        copy.remove(key);
        Thread.yield();
        map = copy;
    }

    @Override
    public void close() {
    }
}
