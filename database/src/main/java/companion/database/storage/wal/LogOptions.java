package companion.database.storage.wal;

import companion.api.Durability;
import java.util.Objects;

/**
 * How a {@link WriteAheadLog} is opened: its durability, the size of its segments, and whether recovery may skip
 * damaged records (salvage).
 *
 * <pre>{@code
 * LogOptions options = LogOptions.of(Durability.GROUP);                  // 16 MiB segments, no salvage
 * LogOptions forTests = LogOptions.of(Durability.SYNC).withSegmentSize(4096);
 * LogOptions rescue = LogOptions.of(Durability.SYNC).withSalvage(true);  // read what survived damage
 * }</pre>
 *
 * @param durability  when {@link WriteAheadLog#append} returns: see {@link Durability}
 * @param segmentSize bytes of each new segment, preallocated; also the largest record the log accepts
 * @param salvage     if true, recovery skips damaged records (reporting each in {@link RecoveryReport#salvaged()})
 *                    instead of throwing {@link companion.api.CorruptionException}: for rescuing what is readable
 *                    from a damaged log, not for normal operation, where damage must stop the database
 */
public record LogOptions(Durability durability, long segmentSize, boolean salvage) {
    /**
     * 16 MiB, PostgreSQL's WAL segment size: large enough that creating one is rare, small enough that the
     * preallocated, still-empty end of the active segment stays a small share of a compacted store.
     */
    public static final long DEFAULT_SEGMENT_SIZE = 16L << 20;
    /** The smallest segment: room for one record with a short key and value. */
    public static final long MIN_SEGMENT_SIZE = 64;
    /** The largest segment: a record's bytes must fit in one Java array. */
    public static final long MAX_SEGMENT_SIZE = 1L << 30;

    /**
     * @throws NullPointerException     if {@code durability} is null
     * @throws IllegalArgumentException naming the value if {@code segmentSize} is outside
     *                                  [{@value #MIN_SEGMENT_SIZE}, {@value #MAX_SEGMENT_SIZE}]
     */
    public LogOptions {
        Objects.requireNonNull(durability, "durability is null");
        if (segmentSize < MIN_SEGMENT_SIZE || segmentSize > MAX_SEGMENT_SIZE) {
            throw new IllegalArgumentException("segment size " + segmentSize + " is outside [" + MIN_SEGMENT_SIZE
                    + ", " + MAX_SEGMENT_SIZE + "]");
        }
    }

    /** {@code durability}, 16 MiB segments, no salvage. */
    public static LogOptions of(Durability durability) {
        return new LogOptions(durability, DEFAULT_SEGMENT_SIZE, false);
    }

    /** These options with segments of {@code bytes} bytes. */
    public LogOptions withSegmentSize(long bytes) {
        return new LogOptions(durability, bytes, salvage);
    }

    /** These options with salvage on or off. */
    public LogOptions withSalvage(boolean on) {
        return new LogOptions(durability, segmentSize, on);
    }
}
