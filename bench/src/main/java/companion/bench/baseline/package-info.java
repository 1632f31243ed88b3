/**
 * Baselines: pseudo-engines that are not databases but the ceilings issue 5's targets are measured against, run
 * in the same benchmark run as the engines so that a ratio never mixes two moments of a noisy machine.
 *
 * <ul>
 *   <li>{@link companion.bench.baseline.HashMapBaseline} {@code hashmap}: a {@code ConcurrentHashMap} of byte-array
 *       keys and values, no I/O at all. No store that keeps its data on disk can beat it; the readrandom target
 *       asks for half its rate.
 *   <li>{@link companion.bench.baseline.FdatasyncBaseline} {@code fdatasync}: appends of records the size of the
 *       reference's log records to a preallocated file, each followed by {@code FileChannel.force(false)}. It is
 *       what a durable write costs on this disk before any engine adds anything; the sync target asks to be within
 *       10 % of it. Beside a course engine it is measured in that engine's JVM, one run beside each of the
 *       engine's runs ({@link companion.bench.engine.Engines#pairedIn}): this disk's fsync rate moves too much
 *       between seconds for a floor measured later to be the same disk.
 * </ul>
 *
 * Both take the same strings as every engine and encode them as UTF-8, so the conversion the engines pay is in
 * the ceiling too. Each honours only the durability its comparison needs and refuses the others with a reason
 * ({@link companion.bench.engine.EngineSettings}), as a peer does. A workload lists the baselines its targets need
 * ({@link companion.bench.workload.Workload#baselines()}), and a baseline runs only those workloads.
 */
package companion.bench.baseline;
