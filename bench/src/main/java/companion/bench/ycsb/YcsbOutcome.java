package companion.bench.ycsb;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one YCSB core workload did on one engine: {@link YcsbRun}'s result.
 *
 * @param workload              the letter, {@code a} .. {@code f}
 * @param records               records inserted by the load phase (the requested record count)
 * @param operations            operations of the run phase (the requested operation count)
 * @param threads               client threads of the run phase (the requested count, capped at the number of
 *                              operations, as YCSB does)
 * @param loadMillis            wall-clock time of the load phase, client threads started to all joined
 * @param runMillis             the same for the run phase
 * @param runOpsPerSec          run-phase throughput, {@code operations} over the run phase's time (from nanoseconds,
 *                              so a short run is not rounded to zero milliseconds)
 * @param operationCounts       run-phase operations by YCSB's operation name ({@code READ}, {@code UPDATE},
 *                              {@code INSERT}, {@code READ-MODIFY-WRITE}), only those that occurred; they sum to
 *                              {@code operations}. A read-modify-write counts once, as itself, not also as a read
 *                              and an update
 * @param averageLatencyMicros  mean latency in microseconds of each YCSB measurement, as YCSB prints it (its
 *                              {@code AverageLatency(us)}). Note YCSB's convention for workload F: the read and the
 *                              update inside each read-modify-write are also measured as {@code READ} and
 *                              {@code UPDATE}, so those averages mix both kinds
 * @param notSupported          why the workload was not run, or null when it was. When set, nothing ran: the
 *                              times and throughput are 0 and the maps are empty
 */
public record YcsbOutcome(String workload, long records, long operations, int threads, long loadMillis,
                          long runMillis, double runOpsPerSec, Map<String, Long> operationCounts,
                          Map<String, Double> averageLatencyMicros, String notSupported) {

    public YcsbOutcome {
        Objects.requireNonNull(workload, "workload");
        operationCounts = Collections.unmodifiableMap(new LinkedHashMap<>(operationCounts));
        averageLatencyMicros = Collections.unmodifiableMap(new LinkedHashMap<>(averageLatencyMicros));
    }

    /** A workload that was not run, because {@code reason}. */
    public static YcsbOutcome notSupported(String workload, long records, long operations, int threads,
                                           String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("YCSB workload " + workload + " not run but no reason given");
        }
        return new YcsbOutcome(workload, records, operations, threads, 0, 0, 0, Map.of(), Map.of(), reason);
    }

    /** True when the workload actually ran. */
    public boolean ran() {
        return notSupported == null;
    }
}
