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
 *
 * <p>From milestone 2 on, {@code yours} and {@code reference} are the storage engine, and the milestone's workloads
 * each fix their own durability and threads (fillrandom and readrandom at {@code none}, one writer at {@code sync},
 * eight at {@code group}, space after compaction), so one run answers every target of issue 5. The baselines
 * those targets compare with ({@code hashmap}, {@code fdatasync}) are added to the engines, and the targets' ratios
 * are printed after the tables and included in the JSON.
 */
@Command(name = "bench", description = "Benchmark your store against the reference and real databases.")
final class BenchCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Mixin
    WorkspaceOption workspace;

    @Option(names = "--reference", description = "Benchmark without a workspace: the reference and the peers.")
    boolean reference;

    @Option(names = {"-m", "--milestone"}, paramLabel = "N",
            description = "Milestone whose workloads to run (default: current, or 1).")
    Integer milestone;

    @Option(names = "--engines", split = ",", paramLabel = "NAME",
            description = "Engines (default: yours if a workspace, reference, and every peer).")
    List<String> engines;

    @Option(names = "--workloads", split = ",", paramLabel = "NAME",
            description = "Workloads (default: the milestone's).")
    List<String> workloads;

    @Option(names = {"--ops", "--keys"}, paramLabel = "N",
            description = "Operations per run, and keys in the store (default: 1,000 at milestone 1, 1,000,000 from "
                    + "milestone 2).")
    Integer ops;

    @Option(names = "--runs", paramLabel = "R",
            description = "Measured runs per workload (default: 5 at milestone 1, 3 from milestone 2).")
    Integer runs;

    @Option(names = "--warmups", paramLabel = "W",
            description = "Untimed warm-up runs before them; the last one counts the fsyncs (default: 2 at "
                    + "milestone 1, 1 from milestone 2).")
    Integer warmups;

    @Option(names = "--threads", defaultValue = "1", paramLabel = "T",
            description = "Client threads (default: ${DEFAULT-VALUE}); workloads that fix their own keep it.")
    int threads;

    @Option(names = "--durability", defaultValue = "none", paramLabel = "D",
            description = "none, group or sync (default: ${DEFAULT-VALUE}); workloads that fix their own (milestone "
                    + "2's) keep it.")
    String durability;

    @Option(names = "--key-size", defaultValue = "16", paramLabel = "B") int keySize;

    @Option(names = "--value-size", defaultValue = "100", paramLabel = "B") int valueSize;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "S",
            description = "Seed of keys, values and order (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--scaling", split = ",", paramLabel = "N",
            description = "Sizes of the m1-inserts scaling curve (default at milestone 1: 1000,10000,100000,1000000; "
                    + "none from milestone 2; --scaling none to skip).")
    List<String> scaling;

    @Option(names = "--budget", defaultValue = "60", paramLabel = "SEC",
            description = "A run or scaling step longer than this is stopped (default: ${DEFAULT-VALUE}).")
    int budget;

    @Option(names = "--json", description = "Print one JSON document instead of the tables.")
    boolean json;

    @Option(names = "--chart", paramLabel = "FILE.png", description = "Also draw the results and the scaling curve.")
    Path chart;

    @Override
    public Integer call() throws IOException {
        Workspace ws = reference ? null : workspace.open();
        int number = milestone != null ? milestone : ws == null ? 1 : ws.state().milestone();
        List<String> chosenEngines = new ArrayList<>(engines != null ? engines : defaultEngines(ws != null));
        chosenEngines.forEach(name -> Engines.named(name, number)); // unknown names fail here, before anything runs
        if (ws == null && chosenEngines.contains("yours")) {
            throw new IllegalArgumentException("engine 'yours' needs a workspace: pass -w DIR instead of --reference");
        }
        List<String> chosenWorkloads = workloads != null ? workloads
                : Workloads.ofMilestone(number).stream().map(Workload::name).toList();
        chosenWorkloads.forEach(Workloads::named);
        if (chosenWorkloads.isEmpty()) {
            throw new IllegalArgumentException("milestone " + number + " has no benchmark workloads yet");
        }
        BenchRun.addBaselines(chosenEngines, chosenWorkloads);
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
        boolean firstMilestone = number < 2;
        BenchPlan plan = new BenchPlan("", Durability.parse(durability), chosenWorkloads,
                ops != null ? ops : firstMilestone ? 1_000 : 1_000_000, runs != null ? runs : firstMilestone ? 5 : 3,
                warmups != null ? warmups : firstMilestone ? 2 : 1, threads, keySize, valueSize, seed, budget,
                scalingSizes(firstMilestone), scratch, number);
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
            if (r.stopped() == null && r.space() == null) { // a space ratio is not a rate: no bar
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

    /** The scaling curve is milestone 1's inserts: by default only at milestone 1. */
    private List<Integer> scalingSizes(boolean firstMilestone) {
        if (scaling == null) {
            return firstMilestone ? List.of(1_000, 10_000, 100_000, 1_000_000) : List.of();
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
        doc.put("engines", outcome.allSettings()); // one per engine and durability used
        doc.put("results", outcome.results());
        doc.put("targets", outcome.targets());
        doc.put("scaling", outcome.scaling());
        List<Map<String, String>> errors = new ArrayList<>();
        outcome.failures().forEach((step, why) -> errors.add(Map.of("step", step, "message", why)));
        outcome.errors().forEach(e -> errors.add(Map.of("step", "engine", "message", e)));
        doc.put("errors", errors);
        return doc;
    }
}
