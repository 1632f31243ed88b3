package companion.app.runner;

import companion.course.catalog.CriterionSpec;
import companion.course.catalog.Milestone;
import companion.course.runner.CriterionResult;
import companion.course.runner.Event;
import companion.course.runner.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs criteria in child JVMs until every one has a result, whatever the code under test does.
 *
 * <pre>{@code
 * SuiteRun run = new SuiteRun(ChildClasspath.learner(ws.classes()), seed);
 * List<CriterionResult> results = run.run(criteria, result -> table.print(result));
 * }</pre>
 *
 * <p>Each child is started with a heap cap and {@code -XX:+ExitOnOutOfMemoryError}; the parent also holds a
 * deadline over the whole child (the sum of the remaining timeouts plus start-up), in case even the child's own
 * watchdog cannot act. When a child dies during a criterion, that criterion gets an error that says why, and a new
 * child runs the ones left.
 */
public final class SuiteRun {
    /** Heap cap of the child JVM: enough for a 1 MiB value many times over, small enough to catch a leak fast. */
    public static final int HEAP_MB = 256;
    private static final long STARTUP_SLACK_SECONDS = 30;
    private static final List<String> JVM_OPTIONS = List.of(
            "-Xmx" + HEAP_MB + "m",
            "-XX:+ExitOnOutOfMemoryError",
            "-XX:TieredStopAtLevel=1", // criteria are short: a fast-starting JIT beats a fast steady state
            "-Djava.security.manager=allow", // lets ChildMain refuse System.exit (see its ExitGuard)
            "-Dfile.encoding=UTF-8",
            "-ea");

    private final String classpath;
    private final long seed;

    /** A criterion to run, with the milestone it belongs to. */
    public record Planned(Milestone milestone, CriterionSpec spec) {
    }

    public SuiteRun(String classpath, long seed) {
        this.classpath = classpath;
        this.seed = seed;
    }

    /** Runs {@code planned} in order; {@code onResult} hears each result as it arrives. Results come back in order. */
    public List<CriterionResult> run(List<Planned> planned, Consumer<CriterionResult> onResult) {
        Map<String, CriterionResult> results = new LinkedHashMap<>();
        List<Planned> remaining = new ArrayList<>(planned);
        while (!remaining.isEmpty()) {
            int before = remaining.size();
            runChild(remaining, result -> {
                results.put(result.id(), result);
                onResult.accept(result);
            });
            remaining.removeIf(p -> results.containsKey(p.spec().id()));
            if (remaining.size() == before) {
                throw new IllegalStateException("a child JVM made no progress on " + remaining.get(0).spec().id());
            }
        }
        List<CriterionResult> ordered = new ArrayList<>();
        planned.forEach(p -> ordered.add(results.get(p.spec().id())));
        return ordered;
    }

    /** One child JVM: runs what it can of {@code planned}, reporting a result for at least the first criterion. */
    private void runChild(List<Planned> planned, Consumer<CriterionResult> report) {
        long deadlineSeconds = STARTUP_SLACK_SECONDS
                + planned.stream().mapToLong(p -> p.spec().timeoutSeconds() + 5L).sum();
        String[] running = {null};
        long[] startedAt = {0};
        int[] finished = {0};
        List<String> stray = new ArrayList<>();
        ChildJvm.Exit exit = ChildJvm.run(JVM_OPTIONS, classpath, "companion.course.runner.ChildMain",
                List.of("--seed", Long.toString(seed), "--criteria",
                        String.join(",", planned.stream().map(p -> p.spec().id()).toList())),
                deadlineSeconds, line -> {
                    Optional<Event> event = Event.parse(line);
                    if (event.isEmpty()) {
                        stray.add(line);
                    } else if (event.get().isFinished()) {
                        report.accept(event.get().result());
                        running[0] = null;
                        finished[0]++;
                    } else {
                        running[0] = event.get().id();
                        startedAt[0] = System.nanoTime();
                    }
                });
        // HotSpot reports -XX:+ExitOnOutOfMemoryError on standard output, so stray lines count as errors too.
        String errors = exit.stderr() + "\n" + String.join("\n", stray);
        if (running[0] != null) {
            Planned crashed = find(planned, running[0]);
            long millis = (System.nanoTime() - startedAt[0]) / 1_000_000;
            report.accept(CriterionResult.of(running[0], crashed.milestone().number(), crashed.spec().title(),
                    exit.killed() ? Status.TIMEOUT : Status.ERROR, explain(exit, errors, deadlineSeconds), millis,
                    seed));
        } else if (finished[0] == 0) {
            // Died before starting anything (bad classpath, a static initializer that throws): nothing can run.
            Planned first = planned.get(0);
            String why = "the test JVM could not start (exit status " + exit.status() + "): " + ChildJvm.tail(errors);
            for (Planned p : planned) {
                report.accept(CriterionResult.of(p.spec().id(), p.milestone().number(), p.spec().title(),
                        Status.ERROR, p == first ? why : "not run: " + why, 0, seed));
            }
        }
    }

    private static String explain(ChildJvm.Exit exit, String errors, long deadlineSeconds) {
        if (errors.contains("OutOfMemoryError")) {
            return "ran out of memory: the test JVM's heap is capped at " + HEAP_MB + " MB. Is something kept"
                    + " forever (a list that only grows, a buffer per write), or allocated in an endless loop?";
        }
        if (exit.killed()) {
            return "the test JVM stopped answering and was killed after " + deadlineSeconds + " s";
        }
        return "the test JVM exited with status " + exit.status() + " in the middle of this criterion: does the code"
                + " call System.exit or Runtime.halt? A store must throw an exception instead."
                + (errors.isBlank() ? "" : " It printed: " + ChildJvm.tail(errors));
    }

    private static Planned find(List<Planned> planned, String id) {
        return planned.stream().filter(p -> p.spec().id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the test JVM ran unplanned criterion " + id));
    }
}
