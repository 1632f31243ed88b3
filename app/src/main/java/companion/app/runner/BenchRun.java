package companion.app.runner;

import companion.app.workspace.Workspace;
import companion.bench.engine.EngineSettings;
import companion.bench.run.BenchEvent;
import companion.bench.run.BenchPlan;
import companion.bench.run.BenchResult;
import companion.bench.run.ScalingPoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One benchmark run, as {@code companion bench} and the dashboard's "Run benchmark" both do it: one child JVM per
 * engine ({@code companion.bench.run.BenchChild}), all with the same JVM options, collecting what each reports.
 */
public final class BenchRun {
    /** The same JVM options for every engine: lmdbjava needs the two --add-opens, so everyone gets them. */
    static final List<String> JVM_OPTIONS = List.of("-Xmx2g", "-Dfile.encoding=UTF-8",
            "--add-opens", "java.base/java.nio=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED");

    private BenchRun() {
    }

    /**
     * Everything one run measured.
     *
     * @param plan     the plan every engine ran (its {@code engine} field is unused)
     * @param settings each engine's settings at the plan's durability, in run order
     * @param results  one per engine and workload that completed
     * @param scaling  the scaling curve's points
     * @param failures "engine workload" → why that workload failed there
     * @param errors   engine-level problems (a JVM that died or hung)
     */
    public record Outcome(BenchPlan plan, Map<String, EngineSettings> settings, List<BenchResult> results,
                          List<ScalingPoint> scaling, Map<String, String> failures, List<String> errors) {
    }

    /**
     * Runs {@code plan} on each engine in turn.
     *
     * @param learnerClasspath the classpath for engine {@code yours} (null when it is not among the engines)
     * @param onStep           hears "rocksdb m1-inserts" as each step starts
     */
    public static Outcome run(BenchPlan plan, List<String> engines, String learnerClasspath, Consumer<String> onStep) {
        Outcome outcome = new Outcome(plan, new LinkedHashMap<>(), new ArrayList<>(), new ArrayList<>(),
                new LinkedHashMap<>(), new ArrayList<>());
        for (String engine : engines) {
            runEngine(engine, engine.equals("yours") ? learnerClasspath : ChildClasspath.reference(),
                    withEngine(plan, engine), outcome, onStep);
        }
        return outcome;
    }

    /** How many steps {@code run} reports through {@code onStep}: one per engine and workload, plus scaling. */
    public static long steps(BenchPlan plan, List<String> engines) {
        return (long) engines.size() * (plan.workloads().size() + (plan.scaling().isEmpty() ? 0 : 1));
    }

    private static void runEngine(String engine, String classpath, BenchPlan plan, Outcome outcome,
                                  Consumer<String> onStep) {
        long deadline = 120L + (long) plan.budgetSeconds() * ((long) (plan.warmups() + plan.runs())
                * plan.workloads().size() + plan.scaling().size() + 1);
        List<String> stray = new ArrayList<>();
        ChildJvm.Exit exit = ChildJvm.run(JVM_OPTIONS, classpath, "companion.bench.run.BenchChild", plan.toArgs(),
                deadline, line -> BenchEvent.parse(line).ifPresentOrElse(event -> {
                    switch (event.type()) {
                        case "settings" -> outcome.settings().put(engine, event.settings());
                        case "progress" -> onStep.accept(engine + " " + event.step());
                        case "result" -> outcome.results().add(event.result());
                        case "scaling" -> outcome.scaling().add(event.point());
                        case "error" -> outcome.failures().put(engine + " " + event.step(), event.message());
                        default -> stray.add(line);
                    }
                }, () -> stray.add(line)));
        if (exit.killed()) {
            outcome.errors().add(engine + ": no answer within " + deadline + " s; the benchmark JVM was killed");
        } else if (exit.status() != 0) {
            outcome.errors().add(engine + ": the benchmark JVM exited with status " + exit.status() + ": "
                    + ChildJvm.tail(exit.stderr() + "\n" + String.join("\n", stray)));
        }
    }

    private static BenchPlan withEngine(BenchPlan p, String engine) {
        return new BenchPlan(engine, p.durability(), p.workloads(), p.ops(), p.runs(), p.warmups(), p.threads(),
                p.keySize(), p.valueSize(), p.seed(), p.budgetSeconds(), p.scaling(), p.scratch());
    }

    /** The run as one line of the workspace's history. */
    public static Map<String, Object> historyEntry(Outcome outcome, int milestone, Workspace ws) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("time", Instant.now().toString());
        entry.put("kind", "bench");
        entry.put("milestone", milestone);
        entry.put("durability", outcome.plan().durability().word());
        entry.put("seed", outcome.plan().seed());
        ws.gitCommit().ifPresent(commit -> entry.put("commit", commit));
        entry.put("results", outcome.results().stream().map(r -> {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("engine", r.engine());
            line.put("workload", r.workload());
            line.put("ops", r.ops());
            line.put("avgMillis", r.avgMillis());
            line.put("opsPerSec", r.opsPerSec());
            line.put("stopped", r.stopped() != null);
            return line;
        }).toList());
        entry.put("scaling", outcome.scaling());
        return entry;
    }
}
