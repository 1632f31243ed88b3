package companion.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import companion.api.Durability;
import companion.app.runner.BenchRun;
import companion.app.runner.ChildClasspath;
import companion.app.workspace.Workspace;
import companion.bench.chart.BenchChart;
import companion.bench.engine.Engines;
import companion.bench.run.BenchPlan;
import companion.bench.run.BenchResult;
import companion.bench.workload.Workload;
import companion.bench.workload.Workloads;
import companion.course.compile.CompileError;
import companion.course.compile.SourceCompiler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
        Path scratch = scratchDirectory(ws);
        BenchPlan plan = new BenchPlan("", Durability.parse(durability), chosenWorkloads, ops, runs, warmups, threads,
                keySize, valueSize, seed, budget, scalingSizes(), scratch);
        BenchRun.Outcome outcome;
        try (BenchProgress progress = BenchProgress.start(BenchRun.steps(plan, chosenEngines), false)) {
            outcome = BenchRun.run(plan, chosenEngines, learnerClasspath, progress::step);
        }
        if (json) {
            System.out.println(JSON.writeValueAsString(document(outcome, number, ws)));
        } else {
            System.out.println();
            new BenchReport(outcome).print(System.out, scratch + " (" + Files.getFileStore(scratch).type() + ")");
        }
        if (chart != null) {
            writeChart(outcome, number);
        }
        if (ws != null) {
            ws.history().append(BenchRun.historyEntry(outcome, number, ws));
        }
        return 0;
    }

    /** Where run directories go: the workspace (a real disk, as the learner's data is), or ./target. */
    static Path scratchDirectory(Workspace ws) throws IOException {
        Path scratch = ws != null ? ws.root().resolve(".companion/bench-scratch")
                : Path.of("target", "bench-scratch").toAbsolutePath();
        Files.createDirectories(scratch);
        return scratch;
    }

    private void writeChart(BenchRun.Outcome outcome, int number) {
        Map<String, Map<String, Double>> bars = new LinkedHashMap<>();
        for (BenchResult r : outcome.results()) {
            if (r.stopped() == null) {
                bars.computeIfAbsent(r.workload(), w -> new LinkedHashMap<>()).put(r.engine(), r.opsPerSec());
            }
        }
        String title = "Milestone " + number + " · durability " + outcome.plan().durability().word() + " · "
                + Runtime.getRuntime().availableProcessors() + "-core machine";
        BenchChart.write(chart, title, bars, outcome.scaling());
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

    private static Map<String, Object> document(BenchRun.Outcome outcome, int number, Workspace ws) {
        BenchPlan plan = outcome.plan();
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
        doc.put("engines", outcome.settings().values());
        doc.put("results", outcome.results());
        doc.put("scaling", outcome.scaling());
        List<Map<String, String>> errors = new ArrayList<>();
        outcome.failures().forEach((step, why) -> errors.add(Map.of("step", step, "message", why)));
        outcome.errors().forEach(e -> errors.add(Map.of("step", "engine", "message", e)));
        doc.put("errors", errors);
        return doc;
    }
}
