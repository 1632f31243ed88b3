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
 * <p>It also keeps the count of dead bytes per segment (records that a later record or a delete made useless):
 * the figure that tells compaction which segments are worth rewriting.
 */
final class KeyDirectory {
    private final ConcurrentHashMap<ByteKey, LogPosition> live = new ConcurrentHashMap<>();
    /** Dead bytes per segment id; read by compaction's planning. */
    private final ConcurrentHashMap<Long, AtomicLong> dead = new ConcurrentHashMap<>();
    /** Bytes of the records live keys point at: what compaction would have to copy. */
    private final AtomicLong liveBytes = new AtomicLong();

    Optional<LogPosition> get(ByteKey key) {
        return Optional.ofNullable(live.get(key));
    }

    /**
     * Records that {@code key}'s latest record is at {@code location}, unless a record with a larger sequence
     * number is already known (replay of an older segment after a newer one, say). The record it replaces, or the
     * one that loses, counts as dead bytes.
     */
    void put(ByteKey key, LogPosition location) {
        LogPosition[] replaced = {null};
        LogPosition kept = live.merge(key, location, (old, now) -> {
            LogPosition loser = old.sequence() > now.sequence() ? now : old;
            addDead(loser);
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
     * Removes {@code key} because of a delete record at {@code sequence} that takes {@code tombstoneBytes} in
     * segment {@code segment}. A tombstone is itself dead as soon as it is written: it only has to outlive the
     * records it hides, which compaction takes care of.
     */
    void remove(ByteKey key, long sequence, long segment, int tombstoneBytes) {
        live.computeIfPresent(key, (k, old) -> {
            if (old.sequence() > sequence) {
                return old; // a newer put already won
            }
            addDead(old);
            liveBytes.addAndGet(-old.size());
            return null;
        });
        dead.computeIfAbsent(segment, s -> new AtomicLong()).addAndGet(tombstoneBytes);
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
        addDead(expected);
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

    /** Live keys whose latest record is in {@code segment} (a snapshot). */
    List<Map.Entry<ByteKey, LogPosition>> inSegment(long segment) {
        List<Map.Entry<ByteKey, LogPosition>> found = new ArrayList<>();
        live.forEach((key, location) -> {
            if (location.segment() == segment) {
                found.add(Map.entry(key, location));
            }
        });
        return found;
    }

    /** Dead bytes in {@code segment}. */
    long deadBytes(long segment) {
        AtomicLong bytes = dead.get(segment);
        return bytes == null ? 0 : bytes.get();
    }

    /** Forgets the dead-byte count of a segment compaction has deleted. */
    void forgetSegment(long segment) {
        dead.remove(segment);
    }

    /** Bytes of the records the live keys point at (a batch record counts once per key it holds). */
    long liveBytes() {
        return liveBytes.get();
    }

    /** Every live key with its location (a snapshot; no order). */
    List<Map.Entry<ByteKey, LogPosition>> all() {
        List<Map.Entry<ByteKey, LogPosition>> found = new ArrayList<>();
        live.forEach((key, location) -> found.add(Map.entry(key, location)));
        return found;
    }

    /** How many live keys there are. */
    int size() {
        return live.size();
    }

    private void addDead(LogPosition location) {
        dead.computeIfAbsent(location.segment(), s -> new AtomicLong()).addAndGet(location.size());
    }
}
