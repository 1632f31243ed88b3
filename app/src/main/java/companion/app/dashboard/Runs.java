package companion.app.dashboard;

import companion.api.Durability;
import companion.app.runner.BenchRun;
import companion.app.runner.ChildClasspath;
import companion.app.runner.SuiteRun;
import companion.app.runner.TestRun;
import companion.app.workspace.SourceFiles;
import companion.app.workspace.Workspace;
import companion.bench.engine.Engines;
import companion.bench.run.BenchPlan;
import companion.bench.workload.Workload;
import companion.bench.workload.Workloads;
import companion.course.catalog.Catalog;
import companion.course.catalog.Milestone;
import companion.course.compile.CompileError;
import companion.course.compile.SourceCompiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;

/**
 * Test and benchmark runs started from the page or by watch mode: one at a time, on a worker thread, reported to
 * every open page as events. The runs are the CLI's own ({@link TestRun}, {@link BenchRun}), so their results and
 * history lines are the same as from the command line.
 */
final class Runs {
    private final Workspace ws;
    private final Catalog catalog;
    private final EventHub hub;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "dashboard-run");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong ids = new AtomicLong();
    /** "test" or "bench" while a run is in progress, else null: the one-run-at-a-time gate. */
    private final AtomicReference<String> running = new AtomicReference<>();
    /** A save arrived during a run: test again when it ends, so the page always shows the latest code. */
    private final AtomicBoolean rerun = new AtomicBoolean();

    Runs(Workspace ws, Catalog catalog, EventHub hub) {
        this.ws = ws;
        this.catalog = catalog;
        this.hub = hub;
    }

    /** "test", "bench" or null. */
    String running() {
        return running.get();
    }

    /** Starts a test run, or returns empty when a run is in progress (a watch-mode save is then remembered). */
    Optional<Long> startTest(String reason, List<String> only) {
        Optional<Long> run = start("test", id -> test(id, reason, only));
        if (run.isEmpty() && reason.equals("watch")) {
            rerun.set(true);
        }
        return run;
    }

    /**
     * Runs {@code body} on the worker if no run is in progress; a run that throws still ends with a
     * {@code run-finished} event that says why, so no page waits forever.
     */
    private Optional<Long> start(String kind, LongConsumer body) {
        if (!running.compareAndSet(null, kind)) {
            return Optional.empty();
        }
        long id = ids.incrementAndGet();
        worker.execute(() -> {
            try {
                body.accept(id);
            } catch (RuntimeException e) {
                hub.broadcast("run-finished", Map.of("run", id, "kind", kind, "passed", 0, "total", 0,
                        "error", String.valueOf(e.getMessage())));
            } finally {
                finished();
            }
        });
        return Optional.of(id);
    }

    private void test(long id, String reason, List<String> only) {
        int milestone = ws.state().milestone();
        long seed = ThreadLocalRandom.current().nextLong(1, 100_000);
        List<SuiteRun.Planned> planned = TestRun.plan(catalog, milestone, only);
        hub.broadcast("run-started", Map.of("run", id, "kind", "test", "reason", reason, "total", planned.size()));
        SourceFiles files = new SourceFiles(ws.sources());
        List<String> paths = files.list();
        TestRun.Outcome outcome = TestRun.ofWorkspace(ws, catalog, milestone, only, seed, result -> {
            Milestone of = catalog.milestone(result.milestone());
            hub.broadcast("criterion", Map.of("run", id, "result",
                    CriterionView.of(of, of.criterion(result.id()).orElseThrow(), result, paths)));
        });
        if (!outcome.compiled()) {
            hub.broadcast("compile-failed", Map.of("run", id, "errors", outcome.compileErrors()));
        }
        hub.broadcast("run-finished", Map.of("run", id, "kind", "test", "passed", outcome.passed(),
                "total", outcome.results().size()));
    }

    /** Starts a benchmark of yours against the reference and the peers, or returns empty when a run is in progress. */
    Optional<Long> startBench(int ops, List<String> engines) {
        return start("bench", id -> bench(id, ops, engines));
    }

    private void bench(long id, int ops, List<String> chosen) {
        int milestone = ws.state().milestone();
        List<String> engines = new ArrayList<>(chosen != null && !chosen.isEmpty() ? chosen : defaultEngines());
        engines.forEach(Engines::named);
        List<String> workloads = Workloads.ofMilestone(milestone).stream().map(Workload::name).toList();
        BenchRun.addBaselines(engines, workloads); // milestone 2's targets divide by them
        Path scratch = ws.root().resolve(".companion/bench-scratch");
        try {
            Files.createDirectories(scratch);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + scratch, e);
        }
        // Quick settings for a button: fewer runs than the CLI's defaults, and no scaling curve.
        BenchPlan plan = new BenchPlan("", Durability.NONE, workloads, ops, 3, 1, 1, 16, 100, 42, 30, List.of(),
                scratch);
        long total = BenchRun.steps(plan, engines);
        hub.broadcast("run-started", Map.of("run", id, "kind", "bench", "reason", "button", "total", total));
        List<CompileError> errors = SourceCompiler.compile(ws.sources(), ws.classes(), List.of(), ws.root());
        if (!errors.isEmpty()) {
            hub.broadcast("compile-failed", Map.of("run", id, "errors", errors));
            hub.broadcast("run-finished", Map.of("run", id, "kind", "bench", "passed", 0, "total", engines.size()));
            return;
        }
        AtomicLong done = new AtomicLong();
        BenchRun.Outcome outcome = BenchRun.run(plan, engines, ChildClasspath.learner(ws.classes()), step ->
                hub.broadcast("bench-progress", Map.of("run", id, "step", step, "done", done.incrementAndGet(),
                        "total", total)));
        ws.history().append(BenchRun.historyEntry(outcome, milestone, ws));
        long withResults = outcome.results().stream().map(r -> r.engine()).distinct().count();
        hub.broadcast("run-finished", Map.of("run", id, "kind", "bench", "passed", withResults,
                "total", engines.size()));
    }

    private static List<String> defaultEngines() {
        List<String> engines = new ArrayList<>(List.of("yours", "reference"));
        engines.addAll(Engines.peers());
        return engines;
    }

    private void finished() {
        running.set(null);
        if (rerun.getAndSet(false)) {
            startTest("watch", null);
        }
    }

    void close() {
        worker.shutdownNow();
    }
}
