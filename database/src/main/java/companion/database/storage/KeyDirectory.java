package companion.database.storage;

import companion.database.storage.wal.LogPosition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The key directory ("keydir" in Bitcask): for every live key, the {@link LogPosition} of its latest record. Every
 * key lives here, in memory; values stay on disk. A get is one lookup here and one read of the log.
 *
 * <p>Thread-safe without a lock of its own: a {@link ConcurrentHashMap}, and updates that only move a key
 * forward in sequence order ({@link #moveIfCurrent}), so that compaction, which copies records in the background,
 * can never put back an older location over a write that happened meanwhile.
 *
 * <p>It also keeps the bytes of the records the live keys point at: with the bytes appended since the last
 * compaction, the figure that tells when compaction is worth running.
 */
final class KeyDirectory {
    private final ConcurrentHashMap<ByteKey, LogPosition> live = new ConcurrentHashMap<>();
    /** Bytes of the records live keys point at: what compaction would have to copy. */
    private final AtomicLong liveBytes = new AtomicLong();

    Optional<LogPosition> get(ByteKey key) {
        return Optional.ofNullable(live.get(key));
    }

    /**
     * Records that {@code key}'s latest record is at {@code location}, unless a record with a larger sequence
     * number is already known (replay of an older segment after a newer one, say).
     */
    void put(ByteKey key, LogPosition location) {
        LogPosition[] replaced = {null};
        LogPosition kept = live.merge(key, location, (old, now) -> {
            LogPosition loser = old.sequence() > now.sequence() ? now : old;
            replaced[0] = loser;
            return loser == old ? now : old;
        });
        if (replaced[0] == null) {
            liveBytes.addAndGet(location.size()); // a new key
        } else if (kept == location) {
            liveBytes.addAndGet(location.size() - replaced[0].size());
        }
    }

    /**
     * Removes {@code key} because of a delete record at {@code sequence}, unless a newer record of the key is known.
     * The tombstone itself needs no entry: it only hides older records, and compaction drops them together.
     */
    void remove(ByteKey key, long sequence) {
        live.computeIfPresent(key, (k, old) -> {
            if (old.sequence() > sequence) {
                return old; // a newer put already won
            }
            liveBytes.addAndGet(-old.size());
            return null;
        });
    }

    /**
     * Points {@code key} at {@code moved} only if it still points at {@code expected}: compaction's update, which
     * must lose against any write that arrived while it copied.
     *
     * @return whether the key was moved
     */
    boolean moveIfCurrent(ByteKey key, LogPosition expected, LogPosition moved) {
        if (!live.replace(key, expected, moved)) {
            return false;
        }
        liveBytes.addAndGet(moved.size() - expected.size());
        return true;
    }

    /** Live keys starting with {@code prefix}, with their locations (a snapshot; no order). */
    List<Map.Entry<ByteKey, LogPosition>> withPrefix(byte[] prefix) {
        List<Map.Entry<ByteKey, LogPosition>> found = new ArrayList<>();
        live.forEach((key, location) -> {
            if (key.startsWith(prefix)) {
                found.add(Map.entry(key, location));
            }
        });
        return found;
    }

    /** Bytes of the records the live keys point at (a batch record counts once per key it holds). */
    long liveBytes() {
        return liveBytes.get();
    }

    /** Every live key with its location (a snapshot; no order). */
    List<Map.Entry<ByteKey, LogPosition>> all() {
        return withPrefix(new byte[0]);
    }

    /** How many live keys there are. */
    int size() {
        return live.size();
    }
}
