package companion.app.runner;

import companion.app.workspace.Workspace;
import companion.course.catalog.Catalog;
import companion.course.catalog.CriterionSpec;
import companion.course.catalog.Milestone;
import companion.course.compile.CompileError;
import companion.course.compile.SourceCompiler;
import companion.course.runner.CriterionResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One run of the acceptance criteria, as {@code companion test} and the dashboard's "Run tests" both do it:
 * compile the workspace, plan milestones 1..N (earlier ones as regression), run them in child JVMs, and append the
 * outcome to the workspace's history.
 *
 * <pre>{@code
 * TestRun.Outcome outcome = TestRun.ofWorkspace(ws, catalog, 1, null, 8812, table::row);
 * if (!outcome.compiled()) outcome.compileErrors().forEach(System.out::println);
 * }</pre>
 */
public final class TestRun {
    private TestRun() {
    }

    /**
     * What a run produced: compile errors (then no results), or one result per planned criterion, in order.
     *
     * @param milestone     the milestone tested (with every earlier one)
     * @param seed          the seed randomised criteria used
     * @param compileErrors the workspace's compile errors; empty when it compiled
     * @param results       the criteria's results; empty when it did not compile
     */
    public record Outcome(int milestone, long seed, List<CompileError> compileErrors, List<CriterionResult> results) {
        public boolean compiled() {
            return compileErrors.isEmpty();
        }

        public long passed() {
            return results.stream().filter(CriterionResult::passed).count();
        }

        public boolean allPassed() {
            return compiled() && passed() == results.size();
        }
    }

    /** Tests the reference database (no workspace, no history). */
    public static Outcome ofReference(Catalog catalog, int milestone, List<String> only, long seed,
                                      Consumer<CriterionResult> onResult) {
        List<SuiteRun.Planned> planned = plan(catalog, milestone, only);
        return new Outcome(milestone, seed, List.of(),
                new SuiteRun(ChildClasspath.reference(), seed).run(planned, onResult));
    }

    /**
     * Compiles and tests the workspace at {@code milestone}, and records the run in its history.
     *
     * @throws IllegalArgumentException when the milestone is unavailable or still locked in this workspace
     */
    public static Outcome ofWorkspace(Workspace ws, Catalog catalog, int milestone, List<String> only, long seed,
                                      Consumer<CriterionResult> onResult) {
        if (!ws.state().unlocked().contains(milestone)) {
            throw new IllegalArgumentException("milestone " + milestone + " is locked: pass milestone "
                    + ws.state().milestone() + " first, then run companion next");
        }
        List<SuiteRun.Planned> planned = plan(catalog, milestone, only);
        List<CompileError> errors = SourceCompiler.compile(ws.sources(), ws.classes(), List.of(), ws.root());
        if (!errors.isEmpty()) {
            return new Outcome(milestone, seed, errors, List.of());
        }
        List<CriterionResult> results = new SuiteRun(ChildClasspath.learner(ws.classes()), seed).run(planned, onResult);
        Outcome outcome = new Outcome(milestone, seed, List.of(), results);
        ws.history().append(historyEntry(ws, outcome));
        return outcome;
    }

    /**
     * Criteria of milestones 1..milestone, in catalog order, narrowed to {@code only} when given.
     *
     * @throws IllegalArgumentException for an unavailable milestone or an unknown criterion id, listing the ids
     */
    public static List<SuiteRun.Planned> plan(Catalog catalog, int milestone, List<String> only) {
        Milestone target = catalog.milestone(milestone);
        if (!target.available()) {
            throw new IllegalArgumentException("milestone " + milestone + " (" + target.title()
                    + ") is not yet available in this version of CS Companion");
        }
        List<SuiteRun.Planned> planned = new ArrayList<>();
        for (int m = 1; m <= milestone; m++) {
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
                    throw new IllegalArgumentException("no criterion '" + id + "' in milestones 1 to " + milestone
                            + "; the ids are: " + String.join(", ", catalog.milestones().subList(0, milestone)
                            .stream().flatMap(m -> m.criteria().stream()).map(CriterionSpec::id).toList()));
                }
            }
        }
        return planned;
    }

    private static Map<String, Object> historyEntry(Workspace ws, Outcome outcome) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("time", Instant.now().toString());
        entry.put("kind", "test");
        entry.put("milestone", outcome.milestone());
        entry.put("seed", outcome.seed());
        entry.put("passed", outcome.passed());
        entry.put("total", outcome.results().size());
        ws.gitCommit().ifPresent(commit -> entry.put("commit", commit));
        // The whole result, not just the status: the dashboard shows the latest failure's message from here.
        entry.put("criteria", outcome.results());
        return entry;
    }
}
