package companion.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import companion.api.Durability;
import companion.app.runner.ChildClasspath;
import companion.app.runner.ChildJvm;
import companion.app.workspace.Workspace;
import companion.bench.chart.BenchChart;
import companion.bench.engine.Engines;
import companion.bench.run.BenchEvent;
import companion.bench.run.BenchPlan;
import companion.bench.run.BenchResult;
import companion.bench.workload.Workload;
import companion.bench.workload.Workloads;
import companion.course.compile.CompileError;
import companion.course.compile.SourceCompiler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code companion bench}: the same workloads on the learner's code, the reference and real databases, each
 * engine in its own JVM, all at one durability, and the results as the seed's lines, a table, JSON and a chart.
 */
@Command(name = "bench", description = "Benchmark your store against the reference and real databases.")
final class BenchCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** The same JVM options for every engine: lmdbjava needs the two --add-opens, so everyone gets them. */
    private static final List<String> JVM_OPTIONS = List.of("-Xmx2g", "-Dfile.encoding=UTF-8",
            "--add-opens", "java.base/java.nio=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED");

    @Mixin
    WorkspaceOption workspace;

    @Option(names = "--reference", description = "Benchmark without a workspace: the reference and the peers.")
    boolean reference;

    @Option(names = {"-m", "--milestone"}, paramLabel = "N", description = "Milestone whose workloads to run (default: current, or 1).")
    Integer milestone;

    @Option(names = "--engines", split = ",", paramLabel = "NAME", description = "Engines (default: yours if a workspace, reference, and every peer).")
    List<String> engines;

    @Option(names = "--workloads", split = ",", paramLabel = "NAME", description = "Workloads (default: the milestone's).")
    List<String> workloads;

    @Option(names = "--ops", defaultValue = "1000", paramLabel = "N", description = "Operations per run (default: ${DEFAULT-VALUE}).")
    int ops;

    @Option(names = "--runs", defaultValue = "5", paramLabel = "R", description = "Measured runs per workload (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--warmups", defaultValue = "2", paramLabel = "W", description = "Warm-up runs before them (default: ${DEFAULT-VALUE}).")
    int warmups;

    @Option(names = "--threads", defaultValue = "1", paramLabel = "T", description = "Client threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--durability", defaultValue = "none", paramLabel = "D", description = "none, group or sync (default: ${DEFAULT-VALUE}).")
    String durability;

    @Option(names = "--key-size", defaultValue = "16", paramLabel = "B") int keySize;

    @Option(names = "--value-size", defaultValue = "100", paramLabel = "B") int valueSize;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "S", description = "Seed of keys, values and order (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--scaling", split = ",", paramLabel = "N",
            description = "Sizes of the scaling curve (default: 1000,10000,100000,1000000; --scaling none to skip).")
    List<String> scaling;

    @Option(names = "--budget", defaultValue = "60", paramLabel = "SEC", description = "A run or scaling step longer than this is stopped (default: ${DEFAULT-VALUE}).")
    int budget;

    @Option(names = "--json", description = "Print one JSON document instead of the tables.")
    boolean json;

    @Option(names = "--chart", paramLabel = "FILE.png", description = "Also draw the results and the scaling curve.")
    Path chart;

    @Override
    public Integer call() throws IOException {
        Workspace ws = reference ? null : workspace.open();
        int number = milestone != null ? milestone : ws == null ? 1 : ws.state().milestone();
        List<String> chosenEngines = engines != null ? engines : defaultEngines(ws != null);
        chosenEngines.forEach(Engines::named); // unknown names fail here, before anything runs
        if (ws == null && chosenEngines.contains("yours")) {
            throw new IllegalArgumentException("engine 'yours' needs a workspace: pass -w DIR instead of --reference");
        }
        List<String> chosenWorkloads = workloads != null ? workloads
                : Workloads.ofMilestone(number).stream().map(Workload::name).toList();
        chosenWorkloads.forEach(Workloads::named);
        if (chosenWorkloads.isEmpty()) {
            throw new IllegalArgumentException("milestone " + number + " has no benchmark workloads yet");
        }
        String learnerClasspath = null;
        if (chosenEngines.contains("yours")) {
            List<CompileError> errors = SourceCompiler.compile(ws.sources(), ws.classes(), List.of(), ws.root());
            if (!errors.isEmpty()) {
                System.out.println("Your code does not compile, so it cannot be benchmarked:");
                errors.forEach(e -> System.out.println("  " + e));
                return 2;
            }
            learnerClasspath = ChildClasspath.learner(ws.classes());
        }
        Path scratch = ws != null ? ws.root().resolve(".companion/bench-scratch")
                : Path.of("target", "bench-scratch").toAbsolutePath();
        Files.createDirectories(scratch);
        BenchPlan base = new BenchPlan("", Durability.parse(durability), chosenWorkloads, ops, runs, warmups, threads,
                keySize, valueSize, seed, budget, scalingSizes(), scratch);
        BenchReport report = new BenchReport(base);
        long steps = (long) chosenEngines.size() * (chosenWorkloads.size() + (base.scaling().isEmpty() ? 0 : 1));
        try (BenchProgress progress = BenchProgress.start(steps, false)) {
            for (String engine : chosenEngines) {
                runEngine(engine, engine.equals("yours") ? learnerClasspath : ChildClasspath.reference(),
                        withEngine(base, engine), report, progress);
            }
        }
        String where = scratch + " (" + Files.getFileStore(scratch).type() + ")";
        if (json) {
            System.out.println(JSON.writeValueAsString(document(report, number, ws)));
        } else {
            System.out.println();
            report.print(System.out, where);
        }
        if (chart != null) {
            writeChart(report, number);
        }
        if (ws != null) {
            ws.history().append(historyEntry(report, number, ws));
        }
        return 0;
    }

    private void runEngine(String engine, String classpath, BenchPlan plan, BenchReport report,
                           BenchProgress progress) {
        long deadline = 120L + (long) budget * ((long) (warmups + runs) * plan.workloads().size()
                + plan.scaling().size() + 1);
        List<String> stray = new ArrayList<>();
        ChildJvm.Exit exit = ChildJvm.run(JVM_OPTIONS, classpath, "companion.bench.run.BenchChild", plan.toArgs(),
                deadline, line -> BenchEvent.parse(line).ifPresentOrElse(event -> {
                    switch (event.type()) {
                        case "settings" -> report.settings.put(engine, event.settings());
                        case "progress" -> progress.step(engine + " " + event.step());
                        case "result" -> report.results.add(event.result());
                        case "scaling" -> report.scaling.add(event.point());
                        case "error" -> report.failures.put(engine + " " + event.step(), event.message());
                        default -> stray.add(line);
                    }
                }, () -> stray.add(line)));
        if (exit.killed()) {
            report.errors.add(engine + ": no answer within " + deadline + " s; the benchmark JVM was killed");
        } else if (exit.status() != 0) {
            report.errors.add(engine + ": the benchmark JVM exited with status " + exit.status() + ": "
                    + ChildJvm.tail(exit.stderr() + "\n" + String.join("\n", stray)));
        }
    }

    private void writeChart(BenchReport report, int number) {
        Map<String, Map<String, Double>> bars = new LinkedHashMap<>();
        for (BenchResult r : report.results) {
            if (r.stopped() == null) {
                bars.computeIfAbsent(r.workload(), w -> new LinkedHashMap<>()).put(r.engine(), r.opsPerSec());
            }
        }
        String title = "Milestone " + number + " · durability " + report.plan.durability().word() + " · "
                + Runtime.getRuntime().availableProcessors() + "-core machine";
        BenchChart.write(chart, title, bars, report.scaling);
        (json ? System.err : System.out).println("chart: " + chart.toAbsolutePath());
    }

    private List<String> defaultEngines(boolean hasWorkspace) {
        List<String> names = new ArrayList<>();
        if (hasWorkspace) {
            names.add("yours");
        }
        names.add("reference");
        names.addAll(Engines.peers());
        return names;
    }

    private List<Integer> scalingSizes() {
        if (scaling == null) {
            return List.of(1_000, 10_000, 100_000, 1_000_000);
        }
        if (scaling.size() == 1 && scaling.get(0).equals("none")) {
            return List.of();
        }
        return scaling.stream().map(Integer::valueOf).sorted().toList();
    }

    private static BenchPlan withEngine(BenchPlan p, String engine) {
        return new BenchPlan(engine, p.durability(), p.workloads(), p.ops(), p.runs(), p.warmups(), p.threads(),
                p.keySize(), p.valueSize(), p.seed(), p.budgetSeconds(), p.scaling(), p.scratch());
    }

    private static Map<String, Object> document(BenchReport report, int number, Workspace ws) {
        BenchPlan plan = report.plan;
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("subject", ws == null ? "reference" : "workspace");
        doc.put("milestone", number);
        doc.put("durability", plan.durability().word());
        doc.put("seed", plan.seed());
        doc.put("ops", plan.ops());
        doc.put("runs", plan.runs());
        doc.put("warmups", plan.warmups());
        doc.put("threads", plan.threads());
        doc.put("keySize", plan.keySize());
        doc.put("valueSize", plan.valueSize());
        doc.put("engines", report.settings.values());
        doc.put("results", report.results);
        doc.put("scaling", report.scaling);
        List<Map<String, String>> errors = new ArrayList<>();
        report.failures.forEach((step, why) -> errors.add(Map.of("step", step, "message", why)));
        report.errors.forEach(e -> errors.add(Map.of("step", "engine", "message", e)));
        doc.put("errors", errors);
        return doc;
    }

    private static Map<String, Object> historyEntry(BenchReport report, int number, Workspace ws) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("time", Instant.now().toString());
        entry.put("kind", "bench");
        entry.put("milestone", number);
        entry.put("durability", report.plan.durability().word());
        entry.put("seed", report.plan.seed());
        ws.gitCommit().ifPresent(commit -> entry.put("commit", commit));
        entry.put("results", report.results.stream().map(r -> Map.of("engine", r.engine(), "workload", r.workload(),
                "ops", r.ops(), "avgMillis", r.avgMillis(), "opsPerSec", r.opsPerSec())).toList());
        entry.put("scaling", report.scaling);
        return entry;
    }
}
