package companion.course.crash;

import companion.api.Durability;
import companion.course.catalog.Catalog;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Runs the crash test: for each run, a fresh store, a {@link CrashWriter} killed with SIGKILL at the seed's point,
 * a {@link CrashVerifier} that reopens the store, and {@link CrashCheck} on what both printed. Used by
 * {@code companion crash-test} and by the course's own tests.
 *
 * <pre>{@code
 * CrashTest test = new CrashTest(new CrashTest.Target(classpath, CrashTest.engineOpener(), CrashTest.JVM_OPTIONS),
 *         Durability.SYNC, Path.of("target/crash-scratch"));
 * List<RunResult> results = test.runAll(42, 200, r -> { if (!r.passed()) System.out.println(r.seed()); });
 * }</pre>
 *
 * <p>Each run has its own directory under the scratch directory, {@code run-<index>-seed-<seed>/}, holding
 * {@code store/} (the engine's directory), {@code writer.out}, {@code writer.err}, {@code verifier.out} and
 * {@code verifier.err}. It is deleted when the run passes and kept when it fails.
 *
 * <p>Requires: the classpath holds this module (the two child mains), the api, and the engine the opener names.
 */
public final class CrashTest {
    /**
     * The opener of milestone 2's engine, as the catalog's entry names it: the reference's and a learner's alike,
     * since the starter code is generated from the reference. Which one runs depends on the classpath.
     */
    public static String engineOpener() {
        return Catalog.load().milestone(2).entry().opener();
    }
    /** Options of both children: assertions on, a heap cap, a JIT that starts fast (runs are short). */
    public static final List<String> JVM_OPTIONS = List.of("-ea", "-Xmx256m", "-XX:+ExitOnOutOfMemoryError",
            "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto");
    /** A writer that has not reached its kill point after this long is hung: it is killed and reported. */
    public static final long WRITER_DEADLINE_SECONDS = 120;
    /** A verifier (recovery plus two reads of every key) that runs longer than this is killed and reported. */
    public static final long VERIFIER_DEADLINE_SECONDS = 60;

    /**
     * The engine under test and how to reach it.
     *
     * @param classpath  the children's classpath: this module, the api, the engine
     * @param opener     {@code Class#method} taking (Path, Durability), see {@link EngineOpener}
     * @param jvmOptions the children's JVM options, usually {@link #JVM_OPTIONS}
     */
    public record Target(String classpath, String opener, List<String> jvmOptions) {
        public Target {
            Objects.requireNonNull(classpath, "classpath");
            Objects.requireNonNull(opener, "opener");
            jvmOptions = List.copyOf(jvmOptions);
        }
    }

    private final Target target;
    private final Durability durability;
    private final Path scratch;

    /** A crash test of {@code target} at {@code durability}, with run directories under {@code scratch}. */
    public CrashTest(Target target, Durability durability, Path scratch) {
        this.target = Objects.requireNonNull(target, "target");
        this.durability = Objects.requireNonNull(durability, "durability");
        this.scratch = scratch.toAbsolutePath();
    }

    /**
     * Runs {@code runs} runs with the seeds {@link CrashPlan#runSeed} derives from {@code master}, handing each
     * result to {@code onRun} as it is known.
     *
     * @throws IllegalStateException when the engine cannot be started at all (see {@link #run})
     */
    public List<RunResult> runAll(long master, int runs, Consumer<RunResult> onRun) {
        if (runs < 1) {
            throw new IllegalArgumentException("runs must be >= 1, was " + runs);
        }
        List<RunResult> results = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            RunResult result = run(i, CrashPlan.runSeed(master, i));
            onRun.accept(result);
            results.add(result);
        }
        return results;
    }

    /**
     * One run with {@code seed}.
     *
     * @throws IllegalStateException when the writer could not open a fresh, empty store (the opener's class is
     *                               missing, open threw): that is no crash-test result, nothing could be tested
     * @throws UncheckedIOException  when the scratch directory cannot be written
     */
    public RunResult run(int index, long seed) {
        CrashPlan plan = CrashPlan.of(seed);
        Path runDir = scratch.resolve("run-" + index + "-seed-" + seed);
        try {
            deleteRecursively(runDir);
            Files.createDirectories(runDir.resolve("store"));
            ChildArgs args = new ChildArgs(target.opener(), runDir.resolve("store"), durability, seed);
            History history = new History();
            List<Violation> violations = new ArrayList<>();
            KillPoint kill;
            try {
                kill = write(plan, args, runDir, history, violations);
            } catch (IllegalStateException cannotStart) {
                deleteRecursively(runDir); // nothing was tested: nothing to keep
                throw cannotStart;
            }
            StoreState state = verify(args, runDir);
            violations.addAll(CrashCheck.check(history, state, durability));
            if (violations.isEmpty()) {
                deleteRecursively(runDir);
            }
            return new RunResult(index, seed, durability, plan, kill, history.ackedWrites(), violations,
                    violations.isEmpty() ? Optional.empty() : Optional.of(runDir));
        } catch (IOException e) {
            throw new UncheckedIOException("crash run " + index + " (seed " + seed + ") in " + runDir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during crash run " + index + " (seed " + seed + ")", e);
        }
    }

    /** Starts the writer, reads its lines, kills it at the plan's point, and reads on to the end of its output. */
    private KillPoint write(CrashPlan plan, ChildArgs args, Path runDir, History history, List<Violation> violations)
            throws IOException, InterruptedException {
        int acks = 0;
        int acksAtKill = 0;
        boolean signalled = false;
        int status;
        boolean overran;
        try (ChildProcess writer = ChildProcess.start(target.jvmOptions(), target.classpath(),
                CrashWriter.class.getName(), args.toList(), runDir.resolve("writer.err"), false,
                WRITER_DEADLINE_SECONDS);
             BufferedWriter transcript = Files.newBufferedWriter(runDir.resolve("writer.out"),
                     StandardCharsets.UTF_8)) {
            for (Optional<String> line = writer.readLine(); line.isPresent(); line = writer.readLine()) {
                transcript.write(line.get());
                transcript.newLine();
                Optional<HistoryLine> op = history.accept(line.get());
                if (op.isPresent() && op.get().phase() == HistoryLine.Phase.ACK) {
                    acks++;
                }
                if (!signalled && killDue(plan, line.get(), op, acks)) {
                    if (plan.killDelayMicros() > 0) {
                        LockSupport.parkNanos(plan.killDelayMicros() * 1_000L); // the writer runs on meanwhile
                    }
                    writer.kill();
                    signalled = true;
                    acksAtKill = acks;
                }
            }
            status = writer.waitForExit();
            overran = writer.overran();
            if (!history.opened()) {
                throw new IllegalStateException("the crash writer could not open a new store: " + history.fatal()
                        .orElse("it exited with status " + status + " before opening it: " + writer.stderrTail()));
            }
            if (overran) {
                violations.add(new Violation(Violation.Kind.WRITER_STOPPED, Violation.WHOLE_STORE,
                        plan.killAfterAcks() + " acks, or done, within " + WRITER_DEADLINE_SECONDS + " s",
                        "the writer hung after " + acks + " acks and was killed at the deadline",
                        lastLines(history)));
            } else if (!signalled) {
                violations.add(new Violation(Violation.Kind.WRITER_STOPPED, Violation.WHOLE_STORE,
                        "the writer to run until killed", "it ended by itself with status " + status + ": "
                        + writer.stderrTail(), lastLines(history)));
            }
        }
        return new KillPoint(plan.killAfterAcks(), plan.killDelayMicros(), signalled ? acksAtKill : acks, acks,
                history.unacknowledged(), status, signalled && !overran);
    }

    /**
     * Whether the writer's latest line is the plan's kill point: its K-th ack, or "opened" when K is 0. A writer
     * that says "done" is killed at once (it only has fewer acks than K when some of its threads failed).
     */
    private static boolean killDue(CrashPlan plan, String line, Optional<HistoryLine> op, int acks) {
        if (op.isPresent()) {
            return op.get().phase() == HistoryLine.Phase.ACK && acks >= plan.killAfterAcks();
        }
        return line.equals(History.OPENED) ? plan.killAfterAcks() == 0 : line.equals(History.DONE);
    }

    /** Runs the verifier on the killed writer's store and reads what it reports. */
    private StoreState verify(ChildArgs args, Path runDir) throws IOException, InterruptedException {
        List<String> lines = new ArrayList<>();
        try (ChildProcess verifier = ChildProcess.start(target.jvmOptions(), target.classpath(),
                CrashVerifier.class.getName(), args.toList(), runDir.resolve("verifier.err"), true,
                VERIFIER_DEADLINE_SECONDS)) {
            for (Optional<String> line = verifier.readLine(); line.isPresent(); line = verifier.readLine()) {
                lines.add(line.get());
            }
            int status = verifier.waitForExit();
            Files.write(runDir.resolve("verifier.out"), lines, StandardCharsets.UTF_8);
            StoreState state = StoreState.parse(lines);
            if (verifier.overran()) {
                return state.withProblem("the verifier did not finish within " + VERIFIER_DEADLINE_SECONDS
                        + " s (recovery or a read hangs?); it printed " + lines.size() + " lines");
            }
            if (status != 0) {
                return state.withProblem("the verifier died with exit status " + status + ": "
                        + verifier.stderrTail());
            }
            return state;
        }
    }

    private static List<String> lastLines(History history) {
        List<String> lines = history.lines();
        return lines.subList(Math.max(0, lines.size() - 3), lines.size());
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
