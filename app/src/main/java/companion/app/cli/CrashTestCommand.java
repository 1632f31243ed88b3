package companion.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import companion.api.Durability;
import companion.app.runner.ChildClasspath;
import companion.app.workspace.Workspace;
import companion.course.compile.CompileError;
import companion.course.compile.SourceCompiler;
import companion.course.crash.CrashTest;
import companion.course.crash.CrashWriter;
import companion.course.crash.RunResult;
import companion.course.crash.Violation;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code companion crash-test}: kills a process writing to the milestone 2 storage engine with SIGKILL, run after
 * run, reopens the store each time, and checks that no acknowledged write was lost (see
 * {@link companion.course.crash}). Prints a block per failed run, with the seed that replays it, and a summary.
 *
 * <pre>
 *   $ companion crash-test --reference --runs 200 --seed 42
 *   crash-test · reference database · durability sync · 200 runs · seed 42
 *   200 runs, 0 violations, 12,345 acknowledged writes checked, seed 42
 * </pre>
 *
 * The engine is reached through {@link CrashTest#engineOpener()}, for the reference and a workspace alike.
 */
@Command(name = "crash-test", mixinStandardHelpOptions = true,
        description = "Kill a writing process with SIGKILL at random points; check every acknowledged write survives.")
final class CrashTestCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Violations shown per failed run; one run that loses its buffer can lose dozens of keys. */
    private static final int SHOWN_VIOLATIONS = 5;

    @Mixin
    WorkspaceOption workspace;

    @Option(names = "--reference", description = "Crash-test the reference database instead of a workspace.")
    boolean reference;

    @Option(names = "--runs", defaultValue = "20", paramLabel = "N",
            description = "Runs, each one kill (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--seed", paramLabel = "S",
            description = "Master seed; run 0 uses it as is (default: a new one, printed).")
    Long seed;

    @Option(names = "--durability", defaultValue = "sync", paramLabel = "D",
            description = "sync, group or none (default: ${DEFAULT-VALUE}).")
    String durability;

    @Option(names = "--compact-percent", paramLabel = "P", defaultValue = "" + CrashWriter.DEFAULT_COMPACT_PERCENT,
            description = "How many of writer thread 0's operations call compact(), in percent (default: "
                    + "${DEFAULT-VALUE}; the crash-during-compaction criterion uses 25).")
    int compactPercent;

    @Option(names = "--json", description = "Print one JSON document instead of the report.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        Durability mode = Durability.parse(durability);
        if (runs < 1) {
            throw new IllegalArgumentException("--runs must be at least 1, was " + runs);
        }
        long master = seed != null ? seed : ThreadLocalRandom.current().nextLong(1, 100_000);
        Workspace ws = reference ? null : workspace.open();
        String classpath;
        if (ws != null) {
            List<CompileError> errors = SourceCompiler.compile(ws.sources(), ws.classes(), List.of(), ws.root());
            if (!errors.isEmpty()) {
                System.out.println("Your code does not compile, so it cannot be crash-tested:");
                errors.forEach(e -> System.out.println("  " + e));
                return 2;
            }
            classpath = ChildClasspath.learner(ws.classes());
        } else {
            classpath = ChildClasspath.reference();
        }
        Path scratch = ws != null ? ws.root().resolve(".companion/crash-scratch")
                : Path.of("target", "crash-scratch").toAbsolutePath();
        Files.createDirectories(scratch);
        List<String> options = new ArrayList<>(CrashTest.JVM_OPTIONS);
        options.add("-D" + CrashWriter.COMPACT_PERCENT + "=" + compactPercent);
        CrashTest test = new CrashTest(new CrashTest.Target(classpath, CrashTest.engineOpener(), options), mode,
                scratch);

        PrintStream out = System.out;
        String subject = ws == null ? "reference database" : "workspace " + ws.root();
        if (!json) {
            out.println("crash-test · " + subject + " · durability " + mode.word() + " · " + plural(runs, "run")
                    + " · seed " + master);
        }
        boolean progress = !json && System.console() != null;
        List<RunResult> results;
        try {
            results = test.runAll(master, runs, r -> {
                if (progress) {
                    System.err.print("\r  run " + (r.index() + 1) + " of " + runs + " ");
                }
                if (!json && !r.passed()) {
                    if (progress) {
                        System.err.print("\r");
                    }
                    printFailure(out, r, ws);
                }
            });
        } catch (IllegalStateException e) {
            throw new IllegalStateException(ws == null ? "the reference database cannot be crash-tested yet: "
                    + e.getMessage() : "your workspace cannot be crash-tested: " + e.getMessage()
                    + " (milestone 2's engine is opened by " + CrashTest.engineOpener() + "(Path, Durability))", e);
        }
        if (progress) {
            System.err.print("\r");
        }
        long violations = results.stream().mapToLong(r -> r.violations().size()).sum();
        long acked = results.stream().mapToLong(RunResult::ackedWrites).sum();
        if (json) {
            out.println(JSON.writeValueAsString(document(results, ws, mode, master, violations, acked)));
        } else {
            out.println(plural(runs, "run") + ", " + plural(violations, "violation") + ", "
                    + String.format(Locale.ROOT, "%,d", acked) + " acknowledged writes checked, seed " + master);
            results.stream().filter(r -> !r.passed()).findFirst().ifPresent(r ->
                    out.println("replay the first failed run: " + replay(r, ws)));
        }
        return violations == 0 ? 0 : 1;
    }

    private void printFailure(PrintStream out, RunResult r, Workspace ws) {
        out.println("  ✘ run " + r.index() + " · seed " + r.seed() + " · " + r.kill().describe() + " · "
                + plural(r.violations().size(), "violation"));
        for (Violation v : r.violations().subList(0, Math.min(SHOWN_VIOLATIONS, r.violations().size()))) {
            v.render().lines().forEach(line -> out.println("      " + line));
        }
        if (r.violations().size() > SHOWN_VIOLATIONS) {
            out.println("      ... and " + (r.violations().size() - SHOWN_VIOLATIONS) + " more (--json lists all)");
        }
        out.println("      replay:   " + replay(r, ws));
        r.keptAt().ifPresent(dir -> out.println("      files:    " + dir));
    }

    /** The command that runs this run again, alone. */
    private String replay(RunResult r, Workspace ws) {
        return "companion crash-test " + (ws == null ? "--reference" : "-w " + ws.root()) + " --runs 1 --seed "
                + r.seed() + " --durability " + r.durability().word()
                + (compactPercent != CrashWriter.DEFAULT_COMPACT_PERCENT ? " --compact-percent " + compactPercent : "");
    }

    private Map<String, Object> document(List<RunResult> results, Workspace ws, Durability mode, long master,
                                                long violations, long acked) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("subject", ws == null ? "reference" : "workspace");
        if (ws != null) {
            doc.put("workspace", ws.root().toAbsolutePath().toString());
        }
        doc.put("durability", mode.word());
        doc.put("seed", master);
        doc.put("runs", results.size());
        doc.put("violations", violations);
        doc.put("ackedWrites", acked);
        List<Map<String, Object>> runs = new ArrayList<>();
        for (RunResult r : results) {
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("run", r.index());
            run.put("seed", r.seed());
            run.put("passed", r.passed());
            run.put("ackedWrites", r.ackedWrites());
            run.put("killedAfterAcks", r.kill().acksAtKill());
            run.put("inFlight", r.kill().inFlight());
            run.put("exitStatus", r.kill().exitStatus());
            if (!r.passed()) {
                run.put("replay", replay(r, ws));
                r.keptAt().ifPresent(dir -> run.put("files", dir.toString()));
                List<Map<String, Object>> found = new ArrayList<>();
                for (Violation v : r.violations()) {
                    Map<String, Object> violation = new LinkedHashMap<>();
                    violation.put("kind", v.kind().word());
                    violation.put("key", v.key());
                    violation.put("expected", v.expected());
                    violation.put("got", v.got());
                    violation.put("lines", v.lines());
                    found.add(violation);
                }
                run.put("violations", found);
            }
            runs.add(run);
        }
        doc.put("results", runs);
        return doc;
    }

    private static String plural(long n, String noun) {
        return String.format(Locale.ROOT, "%,d", n) + " " + noun + (n == 1 ? "" : "s");
    }
}
