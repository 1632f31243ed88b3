package companion.app.runner;

import companion.app.workspace.Workspace;
import companion.bench.engine.EngineSettings;
import companion.bench.engine.Engines;
import companion.bench.run.BenchEvent;
import companion.bench.run.BenchPlan;
import companion.bench.run.BenchResult;
import companion.bench.run.ScalingPoint;
import companion.bench.target.TargetCheck;
import companion.bench.target.Targets;
import companion.bench.workload.Workloads;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
     * @param settings each engine's settings, by durability word, for every durability its workloads ran at (the
     *                 plan's first), engines in run order
     * @param results  one per engine and workload that completed
     * @param scaling  the scaling curve's points
     * @param failures "engine workload" → why that workload failed there, or "not run: why"
     * @param errors   engine-level problems (a JVM that died or hung)
     */
    public record Outcome(BenchPlan plan, Map<String, Map<String, EngineSettings>> settings,
                          List<BenchResult> results, List<ScalingPoint> scaling, Map<String, String> failures,
                          List<String> errors) {

        /** What {@code durability} meant for {@code engine} in this run, or empty if no workload used it there. */
        public Optional<EngineSettings> settings(String engine, String durability) {
            return Optional.ofNullable(settings.getOrDefault(engine, Map.of()).get(durability));
        }

        /** Every engine's settings at every durability it reported, flattened: the JSON's {@code engines}. */
        public List<EngineSettings> allSettings() {
            return settings.values().stream().flatMap(byMode -> byMode.values().stream()).toList();
        }

        /** Issue 5's targets this run can answer (none for a milestone 1 run), see {@link Targets}. */
        public List<TargetCheck> targets() {
            return Targets.check(plan.milestone(), List.copyOf(settings.keySet()), plan.workloads(), results);
        }
    }

    /**
     * Runs {@code plan} on each engine in turn. A baseline whose every workload a course engine measures beside
     * itself ({@link Engines#pairedIn}) gets no JVM of its own: its results and settings come from that engine's.
     *
     * @param learnerClasspath the classpath for engine {@code yours} (null when it is not among the engines)
     * @param onStep           hears "rocksdb m1-inserts" as each step starts
     */
    public static Outcome run(BenchPlan plan, List<String> engines, String learnerClasspath, Consumer<String> onStep) {
        Outcome outcome = new Outcome(plan, new LinkedHashMap<>(), new ArrayList<>(), new ArrayList<>(),
                new LinkedHashMap<>(), new ArrayList<>());
        for (String engine : engines) {
            planFor(plan, engine, engines).ifPresent(p -> runEngine(engine,
                    engine.equals("yours") ? learnerClasspath : ChildClasspath.reference(), p, outcome, onStep));
        }
        return outcome;
    }

    /** How many steps {@code run} reports through {@code onStep}: one per engine and workload, plus scaling. */
    public static long steps(BenchPlan plan, List<String> engines) {
        return engines.stream().flatMap(engine -> planFor(plan, engine, engines).stream())
                .mapToLong(p -> p.workloads().size() + (p.scaling().isEmpty() ? 0 : 1)).sum();
    }

    /**
     * What {@code engine} runs of {@code plan} in its own JVM, or empty when that is nothing. A baseline
     * ({@code hashmap}, {@code fdatasync}) runs only the workloads that name it, or all of them when none does (it
     * was asked for by name), less those a course engine among {@code engines} pairs it in; and never the scaling
     * curve: it is a ceiling for a target, not a database to chart.
     */
    static Optional<BenchPlan> planFor(BenchPlan plan, String engine, List<String> engines) {
        if (!Engines.isBaseline(engine)) {
            return Optional.of(plan.forEngine(engine, plan.workloads(), plan.scaling()));
        }
        List<String> named = plan.workloads().stream()
                .filter(w -> Workloads.named(w).baselines().contains(engine)).toList();
        if (named.isEmpty()) {
            return Optional.of(plan.forEngine(engine, plan.workloads(), List.of()));
        }
        List<String> own = named.stream().filter(w -> engines.stream()
                .noneMatch(e -> Engines.pairedIn(e, Workloads.named(w)).contains(engine))).toList();
        return own.isEmpty() ? Optional.empty() : Optional.of(plan.forEngine(engine, own, List.of()));
    }

    private static void runEngine(String engine, String classpath, BenchPlan plan, Outcome outcome,
                                  Consumer<String> onStep) {
        // Each run may spend the budget twice, filling the store (untimed) and then timing it.
        long deadline = 120L + (long) plan.budgetSeconds() * (2L * (plan.warmups() + plan.runs())
                * plan.workloads().size() + plan.scaling().size() + 1);
        List<String> stray = new ArrayList<>();
        ChildJvm.Exit exit = ChildJvm.run(JVM_OPTIONS, classpath, "companion.bench.run.BenchChild", plan.toArgs(),
                deadline, line -> BenchEvent.parse(line).ifPresentOrElse(event -> {
                    switch (event.type()) {
                        case "settings" -> outcome.settings() // a paired baseline's come from this JVM too
                                .computeIfAbsent(event.engine() == null ? engine : event.engine(),
                                        e -> new LinkedHashMap<>())
                                .put(event.settings().durability(), event.settings());
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
            if (r.space() != null) {
                line.put("spaceRatio", r.space().ratio()); // opsPerSec is 0: the space workload's figure is this
            }
            line.put("stopped", r.stopped() != null);
            return line;
        }).toList());
        entry.put("scaling", outcome.scaling());
        return entry;
    }

    /**
     * Adds the ceilings the workloads' targets are measured against (Workload#baselines) to the run, right after
     * the course's engines: the targets divide by them, and on a disk whose fsync rate drifts from minute to
     * minute, the baseline is best measured next to the engine it is compared with, not after every peer.
     */
    public static void addBaselines(List<String> engines, List<String> workloads) {
        List<String> missing = workloads.stream().flatMap(w -> Workloads.named(w).baselines().stream()).distinct()
                .filter(b -> !engines.contains(b)).toList();
        int after = 0;
        for (int i = 0; i < engines.size(); i++) {
            if (Engines.isCourseEngine(engines.get(i))) {
                after = i + 1;
            }
        }
        engines.addAll(after, missing);
    }
}
