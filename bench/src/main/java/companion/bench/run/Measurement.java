package companion.bench.run;

/**
 * One timed run of a workload.
 *
 * @param nanos    wall time of the timed operations (not the store's open, prefill or close)
 * @param io       I/O counters over those operations, or null where unavailable
 * @param forces   FileChannel.force calls made from Java during those operations (see {@link ForceCounter}), or -1
 *                 when they were not counted (the recorder is kept out of timed runs: see {@link WorkloadRunner})
 * @param stopped  why the run was cut short (it ran past the time budget), or null when it completed
 * @param done     operations completed (all of them unless stopped)
 */
public record Measurement(long nanos, IoCounters io, long forces, String stopped, long done) {
    /** {@link #forces} of a run that did not count them. */
    public static final long NOT_COUNTED = -1;

    /** Whether this run counted its forces. */
    public boolean countedForces() {
        return forces != NOT_COUNTED;
    }
}
