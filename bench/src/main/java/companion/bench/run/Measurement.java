package companion.bench.run;

/**
 * One timed run of a workload.
 *
 * @param nanos    wall time of the timed operations (not the store's open, prefill or close)
 * @param io       I/O counters over those operations, or null where unavailable
 * @param forces   FileChannel.force calls made from Java during those operations (see {@link ForceCounter})
 * @param stopped  why the run was cut short (it ran past the time budget), or null when it completed
 * @param done     operations completed (all of them unless stopped)
 */
public record Measurement(long nanos, IoCounters io, long forces, String stopped, long done) {
}
