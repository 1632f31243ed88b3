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
        // @scaffold-begin m2: Where the key's latest record is; empty for a key that is not live.
        return Optional.ofNullable(live.get(key));
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): KeyDirectory.get, see LESSON.md step 4");
        // @scaffold-end
    }

    /**
     * Records that {@code key}'s latest record is at {@code location}, unless a record with a larger sequence
     * number is already known (replay of an older segment after a newer one, say).
     */
    void put(ByteKey key, LogPosition location) {
        // @scaffold-begin m2: Point the key at the location unless it already points at a newer record (larger sequence number); keep liveBytes in step.
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
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): KeyDirectory.put, see LESSON.md step 4");
        // @scaffold-end
    }

    /**
     * Removes {@code key} because of a delete record at {@code sequence}, unless a newer record of the key is known.
     * The tombstone itself needs no entry: it only hides older records, and compaction drops them together.
     */
    void remove(ByteKey key, long sequence) {
        // @scaffold-begin m2: Remove the key unless it points at a record newer than the delete; take its bytes off liveBytes.
        live.computeIfPresent(key, (k, old) -> {
            if (old.sequence() > sequence) {
                return old; // a newer put already won
            }
            liveBytes.addAndGet(-old.size());
            return null;
        });
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): KeyDirectory.remove, see LESSON.md step 4");
        // @scaffold-end
    }

    /**
     * Points {@code key} at {@code moved} only if it still points at {@code expected}: compaction's update, which
     * must lose against any write that arrived while it copied.
     *
     * @return whether the key was moved
     */
    boolean moveIfCurrent(ByteKey key, LogPosition expected, LogPosition moved) {
        // @scaffold-begin m2: Compare-and-set: move the key to 'moved' only if it still points at 'expected' (ConcurrentHashMap.replace); adjust liveBytes.
        if (!live.replace(key, expected, moved)) {
            return false;
        }
        liveBytes.addAndGet(moved.size() - expected.size());
        return true;
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): KeyDirectory.moveIfCurrent, see LESSON.md step 6");
        // @scaffold-end
    }

    /** Live keys starting with {@code prefix}, with their locations (a snapshot; no order). */
    List<Map.Entry<ByteKey, LogPosition>> withPrefix(byte[] prefix) {
        // @scaffold-begin m2: Collect the live keys that start with the prefix, with their locations.
        List<Map.Entry<ByteKey, LogPosition>> found = new ArrayList<>();
        live.forEach((key, location) -> {
            if (key.startsWith(prefix)) {
                found.add(Map.entry(key, location));
            }
        });
        return found;
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): KeyDirectory.withPrefix, see LESSON.md step 4");
        // @scaffold-end
    }

    /** Bytes of the records the live keys point at (a batch record counts once per key it holds). */
    long liveBytes() {
        // @scaffold-begin m2: The running total of the live records' bytes.
        return liveBytes.get();
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): KeyDirectory.liveBytes, see LESSON.md step 6");
        // @scaffold-end
    }

    /** Every live key with its location (a snapshot; no order). */
    List<Map.Entry<ByteKey, LogPosition>> all() {
        // @scaffold-begin m2: Every live key with its location: the keys with the empty prefix.
        return withPrefix(new byte[0]);
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): KeyDirectory.all, see LESSON.md step 6");
        // @scaffold-end
    }

    /** How many live keys there are. */
    int size() {
        return live.size();
    }
}
