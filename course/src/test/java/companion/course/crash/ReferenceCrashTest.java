package companion.course.crash;

import static org.junit.jupiter.api.Assertions.assertTrue;

import companion.api.Durability;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The short CI profile of the crash test against the reference database: a few kills per durability in every
 * build.
 *
 * <p>The long profile is {@code companion crash-test --reference --runs 2000}, or this test with more runs:
 * {@code ./mvnw -pl course test -Dtest=ReferenceCrashTest -Dcrash.runs=2000 -Dcrash.seed=7}.
 */
class ReferenceCrashTest {
    private static final int RUNS = Integer.getInteger("crash.runs", 8);
    private static final long SEED = Long.getLong("crash.seed", 42);

    @TempDir
    Path scratch;

    @ParameterizedTest
    @EnumSource(value = Durability.class, names = {"SYNC", "GROUP"})
    void referenceLosesNoAcknowledgedWrite(Durability durability) {
        CrashTest test = new CrashTest(new CrashTest.Target(System.getProperty("java.class.path"),
                CrashTest.engineOpener(), CrashTest.JVM_OPTIONS), durability, scratch);
        for (RunResult r : test.runAll(SEED, RUNS, x -> { })) {
            assertTrue(r.passed(), () -> "run " + r.index() + ", replay with companion crash-test --reference"
                    + " --runs 1 --seed " + r.seed() + " --durability " + durability.word() + " ("
                    + r.kill().describe() + "):\n"
                    + r.violations().stream().map(Violation::render).collect(Collectors.joining("\n")));
        }
    }
}
