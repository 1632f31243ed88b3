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
import java.util.Objects;
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
        for (String name : plan.workloads()) {
            Workload workload = Workloads.named(name);
            Durability durability = workload.durabilityIn(plan.durability());
            EngineSettings settings = engine.settings(durability);
            try {
                emit(new BenchEvent("progress", engine.name(), name, null, null, null, null));
                if (!settings.honoured()) {
                    throw new NotRunnable(settings.describe()); // reported, never run at a weaker durability
                }
                WorkloadRunner runner = new WorkloadRunner(engine, durability, plan.scratch());
                for (BenchResult result : measure(runner, workload, durability, keys, settings)) {
                    emit(new BenchEvent("result", result.engine(), null, null, null, result, null));
                }
            } catch (NotRunnable e) {
                emit(new BenchEvent("error", engine.name(), name, "not run: " + e.getMessage(), null, null, null));
            } catch (RuntimeException | Error e) {
                emit(new BenchEvent("error", engine.name(), name, describe(e), null, null, null));
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
     * Warm-up runs, then measured runs, each on a fresh store; stops early if a run exceeds the budget. The
     * workload's own durability, threads and operation cap apply ({@link Workload#opsIn}). The first result is
     * this engine's; then one per paired baseline ({@link Engines#pairedIn}), whose runs alternate with this
     * engine's, floor first then engine first, so both see the same seconds of the disk.
     */
    private List<BenchResult> measure(WorkloadRunner runner, Workload workload, Durability durability, Keys keys,
                                      EngineSettings settings) {
        if (workload.operation() == Workload.Operation.YCSB) {
            return List.of(measureYcsb(workload, settings));
        }
        long budget = plan.budgetSeconds() * 1_000_000_000L;
        if (workload.operation() == Workload.Operation.SPACE) {
            // One run: the bytes are deterministic, and the compaction's time is a by-product, not the figure.
            SpaceRun.Outcome outcome = SpaceRun.run(runner, keys,
                    Keys.visitOrder(workload.order(), keys.size(), plan.seed()), budget);
            return List.of(summarize(engine.name(), workload, settings, List.of(outcome.measurement()),
                    outcome.measurement().stopped(), 0, outcome.space(), null));
        }
        int ops = workload.opsIn(plan.ops());
        int threads = workload.threadsIn(plan.threads());
        int[] order = Keys.visitOrder(workload.order(), ops, plan.seed());
        List<Pair> pairs = Engines.pairedIn(engine.name(), workload).stream()
                .filter(name -> paired(name).settings(durability).honoured())
                .map(name -> new Pair(name, new WorkloadRunner(paired(name), durability, plan.scratch()),
                        new ArrayList<>()))
                .toList();
        List<Measurement> runs = new ArrayList<>();
        String stopped = null;
        for (int i = 0; i < plan.warmups() + plan.runs() && stopped == null; i++) {
            boolean measured = i >= plan.warmups();
            if (i % 2 == 0) {
                pairs.forEach(pair -> pair.run(workload, keys, order, threads, budget, measured));
            }
            Measurement m = runner.runOnce(workload, keys, order, threads, budget);
            if (i % 2 == 1) {
                pairs.forEach(pair -> pair.run(workload, keys, order, threads, budget, measured));
            }
            stopped = m.stopped();
            if (measured || stopped != null) {
                runs.add(m);
            }
        }
        List<BenchResult> results = new ArrayList<>();
        results.add(summarize(engine.name(), workload, settings, runs, stopped, plan.warmups(), null, null));
        for (Pair pair : pairs) {
            if (!pair.runs().isEmpty()) {
                results.add(summarize(pair.name(), workload, paired(pair.name()).settings(durability), pair.runs(),
                        pair.runs().stream().map(Measurement::stopped).filter(Objects::nonNull).findFirst()
                                .orElse(null), plan.warmups(), null, engine.name()));
            }
        }
        return results;
    }

    /** A paired baseline's runner and its measured runs. */
    private record Pair(String name, WorkloadRunner runner, List<Measurement> runs) {
        void run(Workload workload, Keys keys, int[] order, int threads, long budget, boolean measured) {
            Measurement m = runner.runOnce(workload, keys, order, threads, budget);
            if (measured) {
                runs.add(m);
            }
        }
    }

    /** The paired baseline called {@code name}, made once per child. */
    private Engine paired(String name) {
        return pairedEngines.computeIfAbsent(name, n -> Engines.named(n, plan.milestone()));
    }

    private BenchResult summarize(String name, Workload workload, EngineSettings settings, List<Measurement> runs,
                                  String stopped, int warmups, SpaceUse space, String pairedWith) {
        double[] millis = runs.stream().mapToDouble(m -> m.nanos() / 1e6).sorted().toArray();
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
                javaForces(name, workload) ? runs.stream().mapToLong(Measurement::forces).sum() / perOp : null,
                stopped, plan.seed(), space, pairedWith);
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
                    runs.add(new Measurement(outcome.runMillis() * 1_000_000L, null, 0, null, outcome.operations()));
                }
            } finally {
                if (java.nio.file.Files.exists(dir)) {
                    WorkloadRunner.deleteTree(dir);
                }
            }
        }
        return summarize(engine.name(), workload, settings, runs, null, plan.warmups(), null, null);
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
