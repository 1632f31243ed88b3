package companion.database.storage.wal;

import companion.api.Durability;
import java.util.Objects;

/**
 * How a {@link WriteAheadLog} is opened: its durability, the size of its segments, whether recovery may skip
 * damaged records (salvage), and how long a group commit waiter yields before it parks.
 *
 * <pre>{@code
 * LogOptions options = LogOptions.of(Durability.GROUP);                  // 16 MiB segments, no salvage
 * LogOptions forTests = LogOptions.of(Durability.SYNC).withSegmentSize(4096);
 * LogOptions rescue = LogOptions.of(Durability.SYNC).withSalvage(true);  // read what survived damage
 * LogOptions frugal = LogOptions.of(Durability.GROUP).withGroupYield(0); // waiters park at once: less CPU
 * }</pre>
 *
 * @param durability  when {@link WriteAheadLog#append} returns: see {@link Durability}
 * @param segmentSize bytes of each new segment, preallocated; also the largest record the log accepts
 * @param salvage     if true, recovery skips damaged records (reporting each in {@link RecoveryReport#salvaged()})
 *                    instead of throwing {@link companion.api.CorruptionException}: for rescuing what is readable
 *                    from a damaged log, not for normal operation, where damage must stop the database
 * @param groupYieldNanos at {@code group}, how long a writer waiting for a force yields the CPU in a loop before it
 *                    parks (see {@link GroupCommit}): CPU time spent to skip a wake-up; 0 parks at once
 */
public record LogOptions(Durability durability, long segmentSize, boolean salvage, long groupYieldNanos) {
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
     * 0: waiters park at once. Yielding (400 µs) paid while every writer wrote its own record under the log's lock
     * and the woken writers queued on it; since records are copied into the {@link LogBuffer}, it costs more than
     * it saves on this machine (a virtual machine): CPUs kept busy by yielding threads made each fdatasync about
     * 50 % slower (108 to 160 µs, measured with a raw write + fdatasync loop beside 2 yielding threads).
     * {@code companion bench --reference -m 2 --engines reference --workloads m2-sync,m2-group8}, alternating,
     * 5 runs each: group8 / sync had a median of 4.66x with 0 and 4.18x with 400 µs, at a third of the CPU.
     * RocksDB's write threads yield for up to 100 µs ({@code write_thread_max_yield_usec}): worth measuring again
     * on real hardware, where an idle CPU does not slow the disk.
     */
    public static final long DEFAULT_GROUP_YIELD_NANOS = 0;

    /**
     * @throws NullPointerException     if {@code durability} is null
     * @throws IllegalArgumentException naming the value if {@code segmentSize} is outside
     *                                  [{@value #MIN_SEGMENT_SIZE}, {@value #MAX_SEGMENT_SIZE}], or
     *                                  {@code groupYieldNanos} is negative
     */
    public LogOptions {
        Objects.requireNonNull(durability, "durability is null");
        if (segmentSize < MIN_SEGMENT_SIZE || segmentSize > MAX_SEGMENT_SIZE) {
            throw new IllegalArgumentException("segment size " + segmentSize + " is outside [" + MIN_SEGMENT_SIZE
                    + ", " + MAX_SEGMENT_SIZE + "]");
        }
        if (groupYieldNanos < 0) {
            throw new IllegalArgumentException("group yield " + groupYieldNanos + " ns is negative");
        }
    }

    /** {@code durability}, 16 MiB segments, no salvage, group commit waiters park at once (no yield). */
    public static LogOptions of(Durability durability) {
        return new LogOptions(durability, DEFAULT_SEGMENT_SIZE, false, DEFAULT_GROUP_YIELD_NANOS);
    }

    /** These options with segments of {@code bytes} bytes. */
    public LogOptions withSegmentSize(long bytes) {
        return new LogOptions(durability, bytes, salvage, groupYieldNanos);
    }

    /** These options with salvage on or off. */
    public LogOptions withSalvage(boolean on) {
        return new LogOptions(durability, segmentSize, on, groupYieldNanos);
    }

    /** These options with group commit waiters yielding for {@code nanos} before they park (0: park at once). */
    public LogOptions withGroupYield(long nanos) {
        return new LogOptions(durability, segmentSize, salvage, nanos);
    }
}
