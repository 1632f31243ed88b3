package companion.bench.run;

/**
 * One point of an engine's scaling curve: throughput of the insert workload at size {@code n}.
 *
 * @param engine    the engine
 * @param n         how many keys were inserted
 * @param opsPerSec throughput, or null when the step was stopped
 * @param millis    wall time of the step (up to the budget when stopped)
 * @param stopped   why the step was stopped (it ran past the time budget), or null
 * @param done      inserts completed (n, unless stopped)
 */
public record ScalingPoint(String engine, long n, Double opsPerSec, long millis, String stopped, long done) {
}
