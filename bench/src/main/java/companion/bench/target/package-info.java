/**
 * Issue 5's performance targets for milestone 2's engine, as data, and their check against one run's results.
 *
 * <p>A target is a ratio of two figures of the <b>same</b> run (disk and CPU speed swing between minutes on a
 * shared machine, so a ratio across runs would measure the machine): the subject's rate on a workload against a
 * peer's or a baseline's on the same workload, against its own rate on another workload, or, for space, the bytes
 * of its files against the bytes of its live data. {@link companion.bench.target.Targets#check} computes each one
 * the run can answer and says which side is missing for the others; nothing here asserts or fails a build, since
 * speed is reported (docs/benchmarks.md), not tested.
 */
package companion.bench.target;
