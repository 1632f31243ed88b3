package companion.bench.run;

import companion.api.Durability;
import companion.bench.engine.Engines;
import companion.bench.workload.Workloads;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What one benchmark child runs, and how: the same plan is given to every engine of a run.
 *
 * @param engine        engine name
 * @param durability    the durability every engine runs at
 * @param workloads     workload names, in order
 * @param ops           operations per run (and keys in the store)
 * @param runs          measured runs per workload
 * @param warmups       unmeasured runs before them (JIT warm-up), in the same JVM
 * @param threads       client threads
 * @param keySize       key size in bytes
 * @param valueSize     value size in bytes
 * @param seed          seed of keys, values and order
 * @param budgetSeconds a run (or a scaling step) longer than this is stopped
 * @param scaling       sizes of the scaling curve, ascending (empty: none)
 * @param scratch       where run directories are made
 * @param milestone     whose store {@code yours} and {@code reference} are ({@link Engines#named(String, int)})
 */
public record BenchPlan(String engine, Durability durability, List<String> workloads, int ops, int runs, int warmups,
                        int threads, int keySize, int valueSize, long seed, int budgetSeconds, List<Integer> scaling,
                        Path scratch, int milestone) {

    /**
     * A plan whose milestone is that of its workloads: the highest milestone among them, or 1 when none belongs
     * to a milestone (db_bench's and YCSB's workloads).
     */
    public BenchPlan(String engine, Durability durability, List<String> workloads, int ops, int runs, int warmups,
                     int threads, int keySize, int valueSize, long seed, int budgetSeconds, List<Integer> scaling,
                     Path scratch) {
        this(engine, durability, workloads, ops, runs, warmups, threads, keySize, valueSize, seed, budgetSeconds,
                scaling, scratch, Math.max(1, workloads.stream().mapToInt(w -> Workloads.named(w).milestone()).max()
                        .orElse(1)));
    }

    /** The same plan for engine {@code name}, running {@code only} these workloads and scaling steps. */
    public BenchPlan forEngine(String name, List<String> only, List<Integer> scalingSteps) {
        return new BenchPlan(name, durability, only, ops, runs, warmups, threads, keySize, valueSize, seed,
                budgetSeconds, scalingSteps, scratch, milestone);
    }

    /** The child's command-line arguments for this plan. */
    public List<String> toArgs() {
        List<String> args = new ArrayList<>(List.of("--engine", engine, "--durability", durability.word(),
                "--workloads", String.join(",", workloads), "--ops", Integer.toString(ops),
                "--runs", Integer.toString(runs), "--warmups", Integer.toString(warmups),
                "--threads", Integer.toString(threads), "--key-size", Integer.toString(keySize),
                "--value-size", Integer.toString(valueSize), "--seed", Long.toString(seed),
                "--budget", Integer.toString(budgetSeconds), "--scratch", scratch.toString(),
                "--milestone", Integer.toString(milestone)));
        if (!scaling.isEmpty()) {
            args.add("--scaling");
            args.add(String.join(",", scaling.stream().map(String::valueOf).toList()));
        }
        return args;
    }

    /** Parses what {@link #toArgs()} wrote. */
    public static BenchPlan fromArgs(String[] args) {
        java.util.Map<String, String> options = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected an option at argument " + i + ", got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        List<Integer> scaling = options.containsKey("scaling")
                ? java.util.Arrays.stream(options.get("scaling").split(",")).map(Integer::valueOf).toList() : List.of();
        return new BenchPlan(options.get("engine"), Durability.parse(options.get("durability")),
                List.of(options.get("workloads").split(",")), Integer.parseInt(options.get("ops")),
                Integer.parseInt(options.get("runs")), Integer.parseInt(options.get("warmups")),
                Integer.parseInt(options.get("threads")), Integer.parseInt(options.get("key-size")),
                Integer.parseInt(options.get("value-size")), Long.parseLong(options.get("seed")),
                Integer.parseInt(options.get("budget")), scaling, Path.of(options.get("scratch")),
                Integer.parseInt(options.getOrDefault("milestone", "1")));
    }
}
