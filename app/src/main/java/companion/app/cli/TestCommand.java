package companion.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import companion.app.runner.TestRun;
import companion.app.workspace.Workspace;
import companion.course.catalog.Catalog;
import companion.course.catalog.Milestone;
import companion.course.compile.CompileError;
import companion.course.runner.CriterionResult;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
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

    @Option(names = {"-m", "--milestone"}, paramLabel = "N",
            description = "Milestone to test (default: the current one).")
    Integer milestone;

    @Option(names = "--reference", description = "Test the reference database instead of a workspace.")
    boolean reference;

    @Option(names = "--only", split = ",", paramLabel = "ID", description = "Run only these criteria.")
    List<String> only;

    @Option(names = "--seed", paramLabel = "S",
            description = "Seed for randomised criteria (default: a new one, printed).")
    Long seed;

    @Option(names = "--json", description = "Print one JSON document instead of the table.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Catalog catalog = Catalog.load();
        Workspace ws = reference ? null : workspace.open();
        int number = milestone != null ? milestone : reference ? 1 : ws.state().milestone();
        long runSeed = seed != null ? seed : ThreadLocalRandom.current().nextLong(1, 100_000);
        TestRun.plan(catalog, number, only); // usage errors (unknown id, unavailable milestone) before any output

        PrintStream out = System.out;
        ResultTable table = json ? null : new ResultTable(out, ResultTable.colorWanted());
        if (table != null) {
            out.println((ws == null ? "reference database" : "workspace " + ws.root()) + " · seed " + runSeed);
        }
        Consumer<CriterionResult> onResult = table == null ? r -> { } : new Consumer<>() {
            private Milestone shown;

            @Override
            public void accept(CriterionResult result) {
                Milestone of = catalog.milestone(result.milestone());
                if (of != shown) {
                    table.heading(of);
                    shown = of;
                }
                table.row(result);
            }
        };
        TestRun.Outcome outcome = ws == null ? TestRun.ofReference(catalog, number, only, runSeed, onResult)
                : TestRun.ofWorkspace(ws, catalog, number, only, runSeed, onResult);
        if (!outcome.compiled()) {
            return compileFailed(outcome.compileErrors());
        }
        List<CriterionResult> results = outcome.results();
        if (table != null) {
            table.finishMilestone();
            out.println();
            out.println(outcome.allPassed() ? "All " + results.size() + " criteria passed."
                    : outcome.passed() + " of " + results.size() + " criteria passed.");
        } else {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("subject", ws == null ? "reference" : "workspace");
            if (ws != null) {
                doc.put("workspace", ws.root().toAbsolutePath().toString());
            }
            doc.put("milestone", number);
            doc.put("seed", runSeed);
            doc.put("passed", outcome.passed());
            doc.put("total", results.size());
            doc.put("criteria", results);
            out.println(JSON.writeValueAsString(doc));
        }
        return outcome.allPassed() ? 0 : 1;
    }

    private int compileFailed(List<CompileError> errors) throws Exception {
        if (json) {
            System.out.println(JSON.writeValueAsString(Map.of("compileErrors", errors)));
        } else {
            System.out.println("Your code does not compile (" + errors.size() + " error"
                    + (errors.size() == 1 ? "" : "s") + "):");
            errors.forEach(e -> System.out.println("  " + e));
            System.out.println("Fix these, then run companion test again.");
        }
        return 2;
    }
}
