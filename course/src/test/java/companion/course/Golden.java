package companion.course;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files: the exact failure messages a learner reads, kept under {@code src/test/resources/golden/}, so that a
 * change to one shows up in review. After changing a message on purpose, regenerate them with
 * {@code ./mvnw -pl course test -Dgolden.update=true} and read the diff.
 */
public final class Golden {
    private Golden() {
    }

    /** Asserts that {@code actual} equals {@code golden/<group>/<name>.txt}; writes it when updating or missing. */
    public static void assertGolden(String group, String name, String actual) {
        Path golden = Path.of(System.getProperty("basedir", "."), "src", "test", "resources", "golden", group,
                name + ".txt");
        try {
            if (Boolean.getBoolean("golden.update") || !Files.exists(golden)) {
                Files.createDirectories(golden.getParent());
                Files.writeString(golden, actual, StandardCharsets.UTF_8);
                return;
            }
            assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual,
                    "message for " + name + " changed; if on purpose, regenerate with -Dgolden.update=true");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
