package companion.bench.run;

import companion.api.Durability;
import companion.bench.engine.Engine;
import companion.bench.engine.EngineSettings;
import companion.bench.engine.Engines;
import companion.bench.workload.Keys;
import companion.bench.workload.Workload;
import companion.bench.workload.Workloads;
import companion.bench.ycsb.YcsbOutcome;
import companion.bench.ycsb.YcsbRun;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The child JVM that benchmarks one engine: {@code BenchChild --engine rocksdb --workloads m1-inserts,... }.
 * One JVM per engine, so no engine inherits another's JIT profile, heap or native state, and start-up is never
 * timed. Reports {@link BenchEvent} lines on standard output.
 */
public final class BenchChild {
    private final PrintStream events;
    private final BenchPlan plan;
    private final Engine engine;
    private final Map<String, Engine> pairedEngines = new HashMap<>();

    private BenchChild(PrintStream events, BenchPlan plan) {
        this.events = events;
        this.plan = plan;
        this.engine = Engines.named(plan.engine(), plan.milestone());
    }

    public static void main(String[] args) {
        PrintStream events = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err); // engines that print go to stderr, never into the event stream
        new BenchChild(events, BenchPlan.fromArgs(args)).run();
        events.flush();
        Runtime.getRuntime().halt(0); // some native engines leave non-daemon threads behind
    }

    private void run() {
        // One settings line per durability the workloads use: the run's, and any a workload fixes for itself.
        Set<Durability> modes = new LinkedHashSet<>(List.of(plan.durability()));
        plan.workloads().forEach(name -> modes.add(Workloads.named(name).durabilityIn(plan.durability())));
        for (Durability mode : modes) {
            emit(new BenchEvent("settings", engine.name(), null, null, engine.settings(mode), null, null));
        }
        Set<String> pairedSettings = new LinkedHashSet<>(); // "fdatasync sync": reported once
        for (String name : plan.workloads()) {
            Workload workload = Workloads.named(name);
            Durability durability = workload.durabilityIn(plan.durability());
            for (String baseline : Engines.pairedIn(engine.name(), workload)) {
                if (pairedSettings.add(baseline + " " + durability.word())) {
                    emit(new BenchEvent("settings", baseline, null, null, paired(baseline).settings(durability),
                            null, null));
                }
            }
        }
        Keys keys = Keys.generate(plan.ops(), plan.keySize(), plan.valueSize(), plan.seed());
        for (List<Workload> together : alternating(plan.workloads())) {
            List<InterleavedRuns.Lane> lanes = new ArrayList<>();
            for (Workload workload : together) {
                Durability durability = workload.durabilityIn(plan.durability());
                EngineSettings settings = engine.settings(durability);
                emit(new BenchEvent("progress", engine.name(), workload.name(), null, null, null, null));
                if (!settings.honoured()) { // reported, never run at a weaker durability
                    emit(new BenchEvent("error", engine.name(), workload.name(), "not run: " + settings.describe(),
                            null, null, null));
                } else if (workload.operation() == Workload.Operation.YCSB
                        || workload.operation() == Workload.Operation.SPACE) {
                    measureAlone(workload, durability, keys, settings);
                } else {
                    lanes.addAll(lanes(workload, durability, settings));
                }
            }
            if (!lanes.isEmpty()) {
                InterleavedRuns.run(lanes, keys, plan.warmups(), plan.runs(), plan.budgetSeconds() * 1_000_000_000L);
                for (InterleavedRuns.Lane lane : lanes) {
                    report(lane);
                }
            }
        }
        if (!plan.scaling().isEmpty() && engine.settings(plan.durability()).honoured()) {
            emit(new BenchEvent("progress", engine.name(), "scaling", null, null, null, null));
            try {
                scale(new WorkloadRunner(engine, plan.durability(), plan.scratch()));
            } catch (RuntimeException | Error e) {
                emit(new BenchEvent("error", engine.name(), "scaling", describe(e), null, null, null));
            }
        }
    }

    /**
     * The workloads of {@code names}, in order, grouped: a workload and the one it alternates with
     * ({@link Workload#alternatesWith}), when both are in the run, are measured together, their runs taken in
     * turns ({@link InterleavedRuns}); every other workload alone.
     */
    static List<List<Workload>> alternating(List<String> names) {
        List<List<Workload>> groups = new ArrayList<>();
        for (String name : names) {
            Workload workload = Workloads.named(name);
            groups.stream().filter(group -> group.stream().anyMatch(other -> name.equals(other.alternatesWith())
                            || other.name().equals(workload.alternatesWith())))
                    .findFirst().ifPresentOrElse(group -> group.add(workload),
                            () -> groups.add(new ArrayList<>(List.of(workload))));
        }
        return groups;
    }

    /**
     * The lanes of a timed workload: first one per paired baseline ({@link Engines#pairedIn}) that honours the
     * durability, then this engine's own. The workload's durability, threads and operation cap apply
     * ({@link Workload#opsIn}).
     */
    private List<InterleavedRuns.Lane> lanes(Workload workload, Durability durability, EngineSettings settings) {
        int threads = workload.threadsIn(plan.threads());
        int[] order = Keys.visitOrder(workload.order(), workload.opsIn(plan.ops()), plan.seed());
        List<InterleavedRuns.Lane> lanes = new ArrayList<>();
        for (String name : Engines.pairedIn(engine.name(), workload)) {
            Engine baseline = paired(name);
            EngineSettings its = baseline.settings(durability);
            if (its.honoured()) {
                lanes.add(new InterleavedRuns.Lane(name, new WorkloadRunner(baseline, durability, plan.scratch()),
                        workload, its, threads, order, engine.name()));
            }
        }
        lanes.add(new InterleavedRuns.Lane(engine.name(), new WorkloadRunner(engine, durability, plan.scratch()),
                workload, settings, threads, order, null));
        return lanes;
    }

    /** Emits a lane's result, or its error (a paired baseline with no measured run is left out). */
    private void report(InterleavedRuns.Lane lane) {
        if (lane.failure != null) {
            emit(new BenchEvent("error", lane.engine, lane.workload.name(), describe(lane.failure), null, null,
                    null));
        } else if (!lane.runs.isEmpty()) {
            emit(new BenchEvent("result", lane.engine, null, null, null, summarize(lane.engine, lane.workload,
                    lane.settings, lane.runs, lane.stopped, plan.warmups(), null, lane.pairedWith, lane.forceRun),
                    null));
        }
    }

    /** A YCSB or space workload, which runs alone: its result or its error. */
    private void measureAlone(Workload workload, Durability durability, Keys keys, EngineSettings settings) {
        try {
            BenchResult result;
            if (workload.operation() == Workload.Operation.YCSB) {
                result = measureYcsb(workload, settings);
            } else {
                // One run: the bytes are deterministic, and the compaction's time is a by-product, not the figure.
                SpaceRun.Outcome outcome = SpaceRun.run(new WorkloadRunner(engine, durability, plan.scratch()), keys,
                        Keys.visitOrder(workload.order(), keys.size(), plan.seed()),
                        plan.budgetSeconds() * 1_000_000_000L);
                result = summarize(engine.name(), workload, settings, List.of(outcome.measurement()),
                        outcome.measurement().stopped(), 0, outcome.space(), null, null);
            }
            emit(new BenchEvent("result", result.engine(), null, null, null, result, null));
        } catch (NotRunnable e) {
            emit(new BenchEvent("error", engine.name(), workload.name(), "not run: " + e.getMessage(), null, null,
                    null));
        } catch (RuntimeException | Error e) {
            emit(new BenchEvent("error", engine.name(), workload.name(), describe(e), null, null, null));
        }
    }

    /** The paired baseline called {@code name}, made once per child. */
    private Engine paired(String name) {
        return pairedEngines.computeIfAbsent(name, n -> Engines.named(n, plan.milestone()));
    }

    /**
     * The result of {@code runs}; its fsyncs per operation come from {@code forceRun}, the warm-up run that counted
     * them (none without a warm-up, or for an engine whose fsyncs Java does not see).
     */
    private BenchResult summarize(String name, Workload workload, EngineSettings settings, List<Measurement> runs,
                                  String stopped, int warmups, SpaceUse space, String pairedWith,
                                  Measurement forceRun) {
        List<Double> inOrder = runs.stream().map(m -> m.nanos() / 1e6).toList();
        double[] millis = inOrder.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double avg = Arrays.stream(millis).average().orElse(0);
        double median = millis.length % 2 == 1 ? millis[millis.length / 2]
                : (millis[millis.length / 2 - 1] + millis[millis.length / 2]) / 2;
        long ops = workload.opsIn(plan.ops());
        boolean counted = runs.stream().allMatch(m -> m.io() != null);
        double perOp = (double) runs.size() * ops;
        boolean rate = stopped == null && space == null;
        return new BenchResult(name, workload.name(), workload.verb(), settings.durability(),
                settings.settings(), ops, workload.threadsIn(plan.threads()), 1, runs.size(), warmups, avg, median,
                millis[0], millis[millis.length - 1], rate ? ops / (avg / 1000) : 0,
                counted ? runs.stream().mapToLong(m -> m.io().writeCalls()).sum() / perOp : null,
                counted ? runs.stream().mapToLong(m -> m.io().bytesWritten()).sum() / perOp : null,
                counted ? runs.stream().mapToLong(m -> m.io().diskBytes()).sum() / perOp : null,
                javaForces(name, workload) && forceRun != null && forceRun.countedForces() && forceRun.done() > 0
                        ? (double) forceRun.forces() / forceRun.done() : null,
                stopped, plan.seed(), space, pairedWith, inOrder);
    }

    /**
     * A YCSB core workload through the official client: load {@code ops} records, then {@code ops} operations,
     * on a fresh directory per run. Only the run phase is timed; YCSB has no seed, so its mix varies slightly.
     */
    private BenchResult measureYcsb(Workload workload, EngineSettings settings) {
        List<Measurement> runs = new ArrayList<>();
        for (int i = 0; i < plan.warmups() + plan.runs(); i++) {
            java.nio.file.Path dir = plan.scratch().resolve(engine.name() + "-ycsb-" + ProcessHandle.current().pid()
                    + "-" + i);
            try {
                YcsbOutcome outcome = YcsbRun.run(engine, Durability.parse(settings.durability()), workload.ycsb(),
                        plan.ops(), plan.ops(), plan.threads(), dir);
                if (!outcome.ran()) {
                    throw new NotRunnable(outcome.notSupported());
                }
                if (i >= plan.warmups()) {
                    runs.add(new Measurement(outcome.runMillis() * 1_000_000L, null, Measurement.NOT_COUNTED, null,
                            outcome.operations()));
                }
            } finally {
                if (java.nio.file.Files.exists(dir)) {
                    WorkloadRunner.deleteTree(dir);
                }
            }
        }
        return summarize(engine.name(), workload, settings, runs, null, plan.warmups(), null, null, null);
    }

    /**
     * Whether this engine's fsyncs are Java's {@code FileChannel.force}, which {@link ForceCounter} sees: the
     * course's stores, H2 and the fdatasync baseline. Native engines sync behind its back, so they get no figure
     * instead of a zero.
     */
    private static boolean javaForces(String name, Workload workload) {
        return workload.operation() != Workload.Operation.YCSB && workload.operation() != Workload.Operation.SPACE
                && List.of("yours", "reference", "reference-m2", "h2", "fdatasync").contains(name);
    }

    /** The scaling curve: m1-inserts at each size, one warm-up at the smallest, stopping at the first slow step. */
    private void scale(WorkloadRunner runner) {
        Workload inserts = Workloads.named("m1-inserts");
        long budget = plan.budgetSeconds() * 1_000_000_000L;
        int smallest = plan.scaling().get(0);
        runner.runOnce(inserts, Keys.generate(smallest, plan.keySize(), plan.valueSize(), plan.seed()),
                Keys.visitOrder(inserts.order(), smallest, plan.seed()), 1, budget);
        for (int n : plan.scaling()) {
            Keys keys = Keys.generate(n, plan.keySize(), plan.valueSize(), plan.seed());
            Measurement m = runner.runOnce(inserts, keys, Keys.visitOrder(inserts.order(), n, plan.seed()), 1, budget);
            long millis = m.nanos() / 1_000_000;
            emit(new BenchEvent("scaling", engine.name(), null, null, null, null, new ScalingPoint(engine.name(), n,
                    m.stopped() == null ? n / (m.nanos() / 1e9) : null, millis, m.stopped(), m.done())));
            if (m.stopped() != null) {
                return;
            }
        }
    }

    /**
     * A workload the engine's contract cannot express (YCSB E needs scans): a deliberate skip, reported as "not
     * run", unlike a failure of the engine itself.
     */
    private static final class NotRunnable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotRunnable(String why) {
            super(why);
        }
    }

    private void emit(BenchEvent event) {
        events.println(event.toLine());
    }

    private static String describe(Throwable e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
