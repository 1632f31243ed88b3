/**
 * Running workloads: the child JVM ({@link companion.bench.run.BenchChild}) that runs one engine's workloads with
 * warm-up and repeated runs, taking in turns the runs of figures that a target divides
 * ({@link companion.bench.run.InterleavedRuns}), and the measurements it reports.
 */
package companion.bench.run;
