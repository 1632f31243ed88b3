package companion.app.runner;

import companion.course.catalog.CriterionSpec;
import companion.course.catalog.Milestone;
import companion.course.runner.CriterionResult;
import companion.course.runner.Event;
import companion.course.runner.Status;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
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
    /** Exit status the JVM uses after {@code -XX:+ExitOnOutOfMemoryError}. */
    private static final int OUT_OF_MEMORY_STATUS = 3;
    private static final long STARTUP_SLACK_SECONDS = 30;

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
        Path stderr = null;
        try {
            stderr = Files.createTempFile("companion-child", ".err");
            Process child = new ProcessBuilder(command(planned)).redirectError(stderr.toFile()).start();
            child.getOutputStream().close();
            long deadlineSeconds = STARTUP_SLACK_SECONDS
                    + planned.stream().mapToLong(p -> p.spec().timeoutSeconds() + 5L).sum();
            Thread reaper = new Thread(() -> {
                try {
                    if (!child.waitFor(deadlineSeconds, TimeUnit.SECONDS)) {
                        child.descendants().forEach(ProcessHandle::destroyForcibly);
                        child.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "companion-child-deadline");
            reaper.setDaemon(true);
            reaper.start();

            String running = null;
            long startedAt = 0;
            int finished = 0;
            List<String> stray = new ArrayList<>();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    Optional<Event> event = Event.parse(line);
                    if (event.isEmpty()) {
                        stray.add(line);
                    } else if (event.get().isFinished()) {
                        report.accept(event.get().result());
                        running = null;
                        finished++;
                    } else {
                        running = event.get().id();
                        startedAt = System.nanoTime();
                    }
                }
            }
            int status = child.waitFor();
            child.descendants().forEach(ProcessHandle::destroyForcibly); // a Main the criterion started, say
            // HotSpot reports -XX:+ExitOnOutOfMemoryError on standard output, so stray lines count as errors too.
            String errors = Files.readString(stderr, StandardCharsets.UTF_8) + "\n" + String.join("\n", stray);
            if (running != null) {
                Planned crashed = find(planned, running);
                long millis = (System.nanoTime() - startedAt) / 1_000_000;
                report.accept(CriterionResult.of(running, crashed.milestone().number(), crashed.spec().title(),
                        statusOf(status, errors), explain(status, errors, deadlineSeconds), millis, seed));
            } else if (finished == 0) {
                // Died before starting anything (bad classpath, a static initializer that throws): nothing can run.
                Planned first = planned.get(0);
                String why = "the test JVM could not start (exit status " + status + "): " + tail(errors);
                for (Planned p : planned) {
                    report.accept(CriterionResult.of(p.spec().id(), p.milestone().number(), p.spec().title(),
                            Status.ERROR, p == first ? why : "not run: " + why, 0, seed));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run the test JVM", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while criteria ran", e);
        } finally {
            if (stderr != null) {
                try {
                    Files.deleteIfExists(stderr);
                } catch (IOException ignored) {
                    // a temporary file left behind is harmless
                }
            }
        }
    }

    private List<String> command(List<Planned> planned) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + HEAP_MB + "m");
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.add("-XX:TieredStopAtLevel=1"); // criteria are short: a fast-starting JIT beats a fast steady state
        command.add("-Xshare:auto");
        command.add("-Djava.security.manager=allow");
        command.add("-Dfile.encoding=UTF-8");
        command.add("-ea");
        command.add("-cp");
        command.add(classpath);
        command.add("companion.course.runner.ChildMain");
        command.add("--seed");
        command.add(Long.toString(seed));
        command.add("--criteria");
        command.add(String.join(",", planned.stream().map(p -> p.spec().id()).toList()));
        return command;
    }

    private static Status statusOf(int exitStatus, String errors) {
        return exitStatus == OUT_OF_MEMORY_STATUS && errors.contains("OutOfMemoryError") ? Status.ERROR
                : exitStatus == 137 || exitStatus == 9 ? Status.TIMEOUT : Status.ERROR;
    }

    private static String explain(int exitStatus, String errors, long deadlineSeconds) {
        if (errors.contains("OutOfMemoryError")) {
            return "ran out of memory: the test JVM's heap is capped at " + HEAP_MB + " MB. Is something kept"
                    + " forever (a list that only grows, a buffer per write), or allocated in an endless loop?";
        }
        if (exitStatus == 137 || exitStatus == 9) {
            return "the test JVM stopped answering and was killed after " + deadlineSeconds + " s";
        }
        return "the test JVM exited with status " + exitStatus + " in the middle of this criterion: does the code"
                + " call System.exit or Runtime.halt? A store must throw an exception instead."
                + (errors.isBlank() ? "" : " It printed: " + tail(errors));
    }

    private static Planned find(List<Planned> planned, String id) {
        return planned.stream().filter(p -> p.spec().id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the test JVM ran unplanned criterion " + id));
    }

    /** The last few meaningful lines of {@code text}, without the JDK's security-manager warnings. */
    private static String tail(String text) {
        List<String> lines = text.lines().filter(l -> !l.isBlank() && !l.startsWith("WARNING:")).toList();
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 4), lines.size()));
    }
}
