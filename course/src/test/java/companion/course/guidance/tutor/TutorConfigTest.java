package companion.course.guidance.tutor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the provider comes from: the workspace file first, the environment for what it leaves out. */
class TutorConfigTest {
    @TempDir
    Path dir;

    @Test
    void nothingConfiguredIsEmptyNotAnError() {
        assertEquals(Optional.empty(), TutorConfig.resolve(dir.resolve("tutor.json"), Map.of()));
    }

    @Test
    void theEnvironmentAloneIsEnough() {
        TutorConfig config = TutorConfig.resolve(dir.resolve("tutor.json"), Map.of("COMPANION_TUTOR_URL",
                "http://localhost:11434/v1/", "COMPANION_TUTOR_MODEL", "llama3.2")).orElseThrow();
        assertEquals("http://localhost:11434/v1/chat/completions", config.endpoint());
        assertEquals("", config.key());
    }

    @Test
    void theFileWinsAndTheEnvironmentFillsTheKey() throws IOException {
        Path file = dir.resolve("tutor.json");
        Files.writeString(file, "{\"url\": \"http://127.0.0.1:8080/v1\", \"model\": \"qwen\", \"timeoutSeconds\": 5}");
        TutorConfig config = TutorConfig.resolve(file, Map.of("COMPANION_TUTOR_URL", "http://elsewhere/v1",
                "COMPANION_TUTOR_KEY", "sk-1")).orElseThrow();
        assertEquals("qwen at http://127.0.0.1:8080/v1", config.describe());
        assertEquals("sk-1", config.key());
        assertEquals(5, config.timeout().toSeconds());
    }

    @Test
    void aUrlWithoutAModelSaysWhatIsMissing() {
        TutorException e = assertThrows(TutorException.class, () -> TutorConfig.resolve(dir.resolve("tutor.json"),
                Map.of("COMPANION_TUTOR_URL", "http://localhost:11434/v1")));
        assertEquals(TutorException.Kind.NOT_CONFIGURED, e.kind());
        assertTrue(e.getMessage().contains("COMPANION_TUTOR_MODEL"), e.getMessage());
    }

    @Test
    void aBrokenFileIsNamed() throws IOException {
        Path file = dir.resolve("tutor.json");
        Files.writeString(file, "{url: ");
        TutorException e = assertThrows(TutorException.class, () -> TutorConfig.resolve(file, Map.of()));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }
}
