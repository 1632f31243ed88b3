/**
 * Workloads as data ({@code companion/bench/workloads.json}), in db_bench's vocabulary: an operation (put, get,
 * delete) applied to N keys in some order (sequential, a random permutation, or uniformly random with repeats),
 * on an empty or a pre-filled store. Keys are fixed-width decimal strings (16 bytes by default), values random
 * printable strings (100 bytes by default), both generated from the run's seed before any timing starts.
 */
package companion.bench.workload;
