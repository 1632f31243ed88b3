package companion.course.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import companion.api.Durability;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness end to end, with real processes and real SIGKILLs, against {@link FileLogEngine}: the correct engine
 * passes every run, and the one that acknowledges before writing is caught.
 */
class CrashTestEndToEndTest {
    private static final String CLASSPATH = System.getProperty("java.class.path");
    private static final long MASTER_SEED = 20_240_601;

    @TempDir
    Path scratch;

    @Test
    void correctEngineSurvivesTwentyKillsUnderSync() {
        List<RunResult> results = crashTest("open", Durability.SYNC).runAll(MASTER_SEED, 20, r -> { });
        for (RunResult r : results) {
            assertTrue(r.passed(), () -> "run " + r.index() + " seed " + r.seed() + " (" + r.kill().describe()
                    + "):\n" + r.violations().stream().map(Violation::render).collect(Collectors.joining("\n")));
            assertTrue(r.kill().bySigkill(), "run " + r.index() + ": " + r.kill().describe());
            assertEquals(ChildProcess.KILLED_BY_SIGKILL, r.kill().exitStatus());
        }
        long acked = results.stream().mapToLong(RunResult::ackedWrites).sum();
        assertTrue(acked > 0, "no acknowledged write was checked");
        System.out.println("crash test, FileLogEngine, sync: 20 runs, 0 violations, " + acked
                + " acknowledged writes checked");
    }

    @Test
    void correctEngineSurvivesKillsUnderNone() {
        for (RunResult r : crashTest("open", Durability.NONE).runAll(MASTER_SEED + 1, 4, x -> { })) {
            assertTrue(r.passed(), () -> r.violations().toString());
        }
    }

    @Test
    void engineThatAcknowledgesBeforeWritingIsCaughtUnderSync() {
        CrashTest test = crashTest("openBuffering", Durability.SYNC);
        RunResult caught = null;
        for (int i = 0; i < 20 && caught == null; i++) {
            RunResult r = test.run(i, CrashPlan.runSeed(MASTER_SEED, i));
            caught = r.passed() ? null : r;
        }
        assertTrue(caught != null, "20 runs did not catch an engine that loses acknowledged writes");
        RunResult r = caught;
        assertTrue(r.violations().stream().anyMatch(v -> v.kind() == Violation.Kind.LOST_WRITE),
                () -> r.violations().toString());
        Path kept = r.keptAt().orElseThrow();
        assertTrue(Files.isRegularFile(kept.resolve("writer.out")) && Files.isDirectory(kept.resolve("store")),
                "a failed run keeps its files: " + kept);
        System.out.println("crash test caught FileLogEngine#openBuffering in run " + r.index() + " (seed "
                + r.seed() + ", " + r.kill().describe() + "):\n" + r.violations().get(0).render());
    }

    @Test
    void engineWhoseBatchesAreNotAtomicIsCaughtWhenAKillLandsInsideOne() {
        // Rarer than a lost write: the kill must land between two records of one batch (about 1 run in 8 here).
        CrashTest test = crashTest("openSplittingBatches", Durability.SYNC);
        RunResult caught = null;
        for (int i = 0; i < 60 && caught == null; i++) {
            RunResult r = test.run(i, CrashPlan.runSeed(MASTER_SEED + 2, i));
            caught = r.passed() ? null : r;
        }
        assertTrue(caught != null, "60 runs did not catch an engine that tears batches");
        RunResult r = caught;
        assertTrue(r.violations().stream().allMatch(v -> v.kind() == Violation.Kind.TORN_BATCH),
                () -> r.violations().toString());
        System.out.println("crash test caught FileLogEngine#openSplittingBatches in run " + r.index() + " (seed "
                + r.seed() + "):\n" + r.violations().get(0).render());
    }

    @Test
    void missingOpenerClassFailsNamingTheClass() {
        CrashTest test = new CrashTest(new CrashTest.Target(CLASSPATH, "companion.nowhere.NoSuchStore#open",
                CrashTest.JVM_OPTIONS), Durability.SYNC, scratch);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> test.run(0, 1));
        assertTrue(e.getMessage().contains("class companion.nowhere.NoSuchStore was not found"), e.getMessage());
    }

    private CrashTest crashTest(String method, Durability durability) {
        return new CrashTest(new CrashTest.Target(CLASSPATH, FileLogEngine.class.getName() + "#" + method,
                CrashTest.JVM_OPTIONS), durability, scratch);
    }
}
