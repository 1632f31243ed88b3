package companion.bench.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import companion.api.Durability;
import companion.api.KeyValueStore;
import companion.bench.engine.Engine;
import companion.course.runner.JavaCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The promise every durability word makes, tested the way it is stated: a process that is killed right after its
 * last write returns (here it halts in a child JVM, closing nothing) loses no acknowledged write. That is the whole
 * of {@code none}; {@code group} and {@code sync} promise more (a power cut), which no test here can stage.
 */
class KilledProcessTest {
    static final String DONE = "all puts acknowledged";
    private static final int KEYS = 200;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("companion.bench.peers.PeerEngines#honoured")
    void acknowledgedWritesSurviveAKilledProcess(Engine engine, Durability durability) throws Exception {
        Process child = new ProcessBuilder(childCommand(engine, durability)).redirectErrorStream(true).start();
        String output;
        try {
            output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(child.waitFor(2, TimeUnit.MINUTES), "the child halts by itself");
        } finally {
            child.destroyForcibly();
        }
        assertEquals(0, child.exitValue(), output);
        assertTrue(output.contains(DONE), output);

        try (KeyValueStore store = engine.open(dir, durability)) {
            assertEquals(Optional.empty(), store.get(key(0)), "the delete survived too");
            for (int i = 1; i < KEYS; i++) {
                assertEquals(Optional.of(value(i)), store.get(key(i)), key(i));
            }
        }
    }

    private List<String> childCommand(Engine engine, Durability durability) throws IOException {
        // lmdbjava needs the --add-opens, as surefire's own JVM does (bench/pom.xml).
        return JavaCommand.of(List.of("--add-opens", "java.base/java.nio=ALL-UNNAMED",
                        "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED"), System.getProperty("java.class.path"),
                HaltAfterPuts.class.getName(),
                List.of(engine.name(), durability.word(), dir.toString(), String.valueOf(KEYS)));
    }

    static String key(int i) {
        return "key-" + i;
    }

    static String value(int i) {
        return "value " + i + " written just before the kill";
    }
}
