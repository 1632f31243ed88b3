package companion.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import companion.app.runner.ChildClasspath;
import companion.app.runner.SuiteRun;
import companion.app.workspace.Workspace;
import companion.course.catalog.Catalog;
import companion.course.catalog.CriterionSpec;
import companion.course.catalog.Milestone;
import companion.course.compile.CompileError;
import companion.course.compile.SourceCompiler;
import companion.course.runner.CriterionResult;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code companion test}: compiles the workspace, runs the current milestone's criteria and every earlier
 * milestone's (as regression) in a child JVM, prints a table, and appends the run to the history.
 */
@Command(name = "test", description = "Run the acceptance criteria against your code (or the reference).")
final class TestCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Mixin
    WorkspaceOption workspace;

    @Option(names = {"-m", "--milestone"}, paramLabel = "N", description = "Milestone to test (default: the current one).")
    Integer milestone;

    @Option(names = "--reference", description = "Test the reference database instead of a workspace.")
    boolean reference;

    @Option(names = "--only", split = ",", paramLabel = "ID", description = "Run only these criteria.")
    List<String> only;

    @Option(names = "--seed", paramLabel = "S", description = "Seed for randomised criteria (default: a new one, printed).")
    Long seed;

    @Option(names = "--json", description = "Print one JSON document instead of the table.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Catalog catalog = Catalog.load();
        Workspace ws = reference ? null : workspace.open();
        int number = milestone != null ? milestone : reference ? 1 : ws.state().milestone();
        Milestone target = catalog.milestone(number);
        if (!target.available()) {
            throw new IllegalArgumentException("milestone " + number + " (" + target.title()
                    + ") is not yet available in this version of CS Companion");
        }
        if (ws != null && !ws.state().unlocked().contains(number)) {
            throw new IllegalArgumentException("milestone " + number + " is locked: pass milestone "
                    + ws.state().milestone() + " first, then run companion next");
        }
        List<SuiteRun.Planned> planned = plan(catalog, number);
        long runSeed = seed != null ? seed : ThreadLocalRandom.current().nextLong(1, 100_000);

        String classpath;
        if (ws == null) {
            classpath = ChildClasspath.reference();
        } else {
            List<CompileError> errors = SourceCompiler.compile(ws.sources(), ws.classes(), List.of(), ws.root());
            if (!errors.isEmpty()) {
                return compileFailed(errors);
            }
            classpath = ChildClasspath.learner(ws.classes());
        }

        PrintStream out = System.out;
        ResultTable table = json ? null : new ResultTable(out, ResultTable.colorWanted());
        if (table != null) {
            out.println((ws == null ? "reference database" : "workspace " + ws.root()) + " · seed " + runSeed);
        }
        Milestone[] shown = {null};
        List<CriterionResult> results = new SuiteRun(classpath, runSeed).run(planned, result -> {
            if (table != null) {
                Milestone of = catalog.milestone(result.milestone());
                if (of != shown[0]) {
                    table.heading(of);
                    shown[0] = of;
                }
                table.row(result);
            }
        });
        long passed = results.stream().filter(CriterionResult::passed).count();
        if (table != null) {
            table.finishMilestone();
            out.println();
            out.println(passed == results.size() ? "All " + passed + " criteria passed."
                    : passed + " of " + results.size() + " criteria passed.");
        }
        if (ws != null) {
            ws.history().append(historyEntry(ws, number, runSeed, results, passed));
        }
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("subject", ws == null ? "reference" : "workspace");
            if (ws != null) {
                doc.put("workspace", ws.root().toAbsolutePath().toString());
            }
            doc.put("milestone", number);
            doc.put("seed", runSeed);
            doc.put("passed", passed);
            doc.put("total", results.size());
            doc.put("criteria", results);
            out.println(JSON.writeValueAsString(doc));
        }
        return passed == results.size() ? 0 : 1;
    }

    /** Criteria of milestones 1..number, in catalog order, narrowed by --only. */
    private List<SuiteRun.Planned> plan(Catalog catalog, int number) {
        List<SuiteRun.Planned> planned = new ArrayList<>();
        for (int m = 1; m <= number; m++) {
            Milestone each = catalog.milestone(m);
            for (CriterionSpec spec : each.criteria()) {
                if (only == null || only.contains(spec.id())) {
                    planned.add(new SuiteRun.Planned(each, spec));
                }
            }
        }
        if (only != null) {
            Set<String> known = Set.copyOf(planned.stream().map(p -> p.spec().id()).toList());
            for (String id : only) {
                if (!known.contains(id)) {
                    throw new IllegalArgumentException("no criterion '" + id + "' in milestones 1 to " + number
                            + "; the ids are: " + String.join(", ", catalog.milestones().subList(0, number).stream()
                            .flatMap(m -> m.criteria().stream()).map(CriterionSpec::id).toList()));
                }
            }
        }
        return planned;
    }

    private int compileFailed(List<CompileError> errors) throws Exception {
        if (json) {
            System.out.println(JSON.writeValueAsString(Map.of("compileErrors", errors.stream().map(e -> Map.of(
                    "file", e.file(), "line", e.line(), "column", e.column(), "message", e.message())).toList())));
        } else {
            System.out.println("Your code does not compile (" + errors.size() + " error"
                    + (errors.size() == 1 ? "" : "s") + "):");
            errors.forEach(e -> System.out.println("  " + e));
            System.out.println("Fix these, then run companion test again.");
        }
        return 2;
    }

    private static Map<String, Object> historyEntry(Workspace ws, int number, long seed, List<CriterionResult> results,
                                                    long passed) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("time", Instant.now().toString());
        entry.put("kind", "test");
        entry.put("milestone", number);
        entry.put("seed", seed);
        entry.put("passed", passed);
        entry.put("total", results.size());
        ws.gitCommit().ifPresent(commit -> entry.put("commit", commit));
        entry.put("criteria", results.stream().map(r -> Map.of("id", r.id(), "milestone", r.milestone(),
                "status", r.status().word(), "millis", r.millis())).toList());
        return entry;
    }
}
