package companion.bench.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The result of one workload on one engine: the JSON document DESIGN.md fixes ({@code engine}, {@code workload},
 * {@code ops}, {@code avgMillis}, {@code opsPerSec} and the settings that matter for fairness), plus the spread
 * over runs and the deterministic counters.
 *
 * @param engine          engine name
 * @param workload        workload name
 * @param verb            "inserts", for the result line
 * @param durability      none, group or sync
 * @param settings        the engine's settings at that durability
 * @param ops             operations per run
 * @param threads         client threads
 * @param batch           operations per write call (always 1 here: no batching)
 * @param runs            measured runs
 * @param warmups         unmeasured warm-up runs before them, in the same JVM
 * @param avgMillis       mean wall time of a run
 * @param medianMillis    median wall time
 * @param minMillis       fastest run
 * @param maxMillis       slowest run
 * @param opsPerSec       ops / avgMillis, as the seed's result line shows it
 * @param writeCallsPerOp write system calls per operation (null where unknown)
 * @param bytesPerOp      bytes handed to write calls per operation (null where unknown)
 * @param diskBytesPerOp  page-cache bytes dirtied per operation, by whole folios (see {@link IoCounters}; null where
 *                        unknown)
 * @param fsyncsPerOp     FileChannel.force calls per operation, for engines whose syncs Java makes, counted in the
 *                        last warm-up run, which is not timed (null for other engines, or with no warm-up)
 * @param stopped         why the workload was stopped (over the time budget), or null
 * @param seed            the seed of keys, values and order
 * @param space           for the space workload: files against live data after compaction (null for the others,
 *                        whose figure is a rate)
 * @param pairedWith      for a paired baseline ({@code fdatasync}): the engine in whose JVM it was measured, one
 *                        run beside each of that engine's runs (null for a result measured in its own JVM)
 * @param runMillis       each measured run's wall time, in the order they ran: the spread behind the mean (a paired
 *                        baseline's run i ran next to its engine's run i)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BenchResult(String engine, String workload, String verb, String durability, Map<String, String> settings,
                          long ops, int threads, int batch, int runs, int warmups, double avgMillis,
                          double medianMillis, double minMillis, double maxMillis, double opsPerSec,
                          Double writeCallsPerOp, Double bytesPerOp, Double diskBytesPerOp, Double fsyncsPerOp,
                          String stopped, long seed, SpaceUse space, String pairedWith,
                          List<Double> runMillis) {

    /** {@code Results: 1,000 inserts, avg 39.12ms, 25,412 ops/sec}: the seed's line. */
    public String resultLine() {
        if (space != null && stopped == null) {
            String compacted = space.compaction().equals(SpaceUse.NOT_AVAILABLE) ? "no compaction call (n/a)"
                    : "after " + space.compaction();
            return String.format("Results: %,d keys, %,d live after %,d writes; %s: %s in %d files for %s live"
                    + " = %.2fx", ops, space.liveKeys(), space.writes(), compacted, bytes(space.fileBytes()),
                    space.files(), bytes(space.liveBytes()), space.ratio());
        }
        if (stopped != null) {
            return String.format("Results: %,d %s, stopped: %s", ops, verb, stopped);
        }
        return String.format("Results: %,d %s, avg %.2fms, %,.0f ops/sec", ops, verb, avgMillis, opsPerSec);
    }

    /** 1.2 MB, 340.5 MB: decimal units, as {@code du --si}. */
    static String bytes(long n) {
        return n < 1_000_000 ? String.format("%,.1f kB", n / 1e3) : String.format("%,.1f MB", n / 1e6);
    }

    /** (max - min) / median, as a percentage: how much the runs disagree. */
    public double spreadPercent() {
        return medianMillis == 0 ? 0 : 100.0 * (maxMillis - minMillis) / medianMillis;
    }
}
