/**
 * Running workloads: the child JVM ({@link companion.bench.run.BenchChild}) that runs one engine's workloads with
 * warm-up and repeated runs, and the measurements it reports.
 */
package companion.bench.run;
