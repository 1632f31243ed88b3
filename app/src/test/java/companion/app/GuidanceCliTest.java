package companion.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code companion hint} and {@code companion tutor} on a real workspace, through the real CLI and child JVM. */
class GuidanceCliTest {
    private static final String SOCRATIC = "When put returns, has the map heard of the value yet? Look at write.";

    @TempDir
    Path dir;
    private Path ws;

    @BeforeEach
    void freshWorkspaceWithOneFailedRun() {
        ws = dir.resolve("ws");
        assertEquals(0, CliRun.of("init", ws.toString()).status());
        failAgain();
    }

    private void failAgain() {
        CliRun run = CliRun.of("test", "-w", ws.toString(), "--only", "put-and-get");
        assertEquals(1, run.status(), run.out() + run.err());
    }

    @Test
    void hintClimbsOneLevelPerFailedRunAndStatusCountsThem() {
        CliRun first = CliRun.of("hint", "-w", ws.toString(), "put-and-get");
        assertEquals(0, first.status(), first.err());
        assertTrue(first.out().startsWith("put-and-get · hint 1 of 4 (concept)"), first.out());
        assertTrue(first.out().contains("unlocks after another failed run of put-and-get"), first.out());

        CliRun again = CliRun.of("hint", "-w", ws.toString());
        assertTrue(again.out().startsWith("put-and-get · hint 1 of 4 (concept) · again"), "no argument: the first"
                + " failing criterion, and no new level without another run: " + again.out());

        failAgain();
        assertTrue(CliRun.of("hint", "-w", ws.toString()).out().contains("hint 2 of 4 (pointer)"));
        failAgain();
        CliRun diagnosis = CliRun.of("hint", "-w", ws.toString(), "put-and-get");
        assertTrue(diagnosis.out().contains("hint 3 of 4 (diagnosis)"), diagnosis.out());
        assertTrue(diagnosis.out().contains("The step that went wrong: put(\"user:1\", \"alice\")"), diagnosis.out());
        assertTrue(diagnosis.out().contains("not written yet, in KVStore.write (KVStore.java:"), diagnosis.out());

        CliRun status = CliRun.of("status", "-w", ws.toString());
        assertTrue(status.out().contains("hints used: 3 (put-and-get to level 3)"), status.out());
    }

    @Test
    void anUnknownCriterionIsAUsageError() {
        CliRun run = CliRun.of("hint", "-w", ws.toString(), "no-such");
        assertEquals(2, run.status());
        assertTrue(run.err().contains("no criterion 'no-such'"), run.err());
    }

    @Test
    void withoutAProviderTheTutorSaysHowToConfigureOne() {
        CliRun run = CliRun.of("tutor", "-w", ws.toString(), "why?");
        assertEquals(2, run.status());
        assertTrue(run.err().contains("no AI tutor is configured") && run.err().contains("COMPANION_TUTOR_URL"),
                run.err());
    }

    @Test
    void theTutorShowsWhatItWillSendAndSendsNothingWithoutConsent() throws IOException {
        try (FakeProvider provider = new FakeProvider(SOCRATIC)) {
            provider.configure(ws);
            CliRun refused = withInput("n\n", () -> CliRun.of("tutor", "-w", ws.toString(), "put-and-get", "why?"));
            assertEquals(1, refused.status(), refused.out() + refused.err());
            assertTrue(refused.out().contains("\"role\" : \"system\""), "the exact body is shown: " + refused.out());
            assertTrue(refused.out().contains("Nothing was sent"), refused.out());
            assertEquals(0, provider.requests.size());

            CliRun agreed = withInput("y\n", () -> CliRun.of("tutor", "-w", ws.toString(), "put-and-get", "why?"));
            assertEquals(0, agreed.status(), agreed.out() + agreed.err());
            assertTrue(agreed.out().contains("AI-generated") && agreed.out().contains(SOCRATIC), agreed.out());
            assertEquals(1, provider.requests.size());

            CliRun remembered = CliRun.of("tutor", "-w", ws.toString(), "and then?");
            assertFalse(remembered.out().contains("[y/N]"), "consent is remembered: " + remembered.out());
            assertTrue(Files.readString(ws.resolve(".companion/tutor-log.jsonl")).contains("and then?"));
        }
    }

    @Test
    void aReplyWithALongCodeBlockIsWithdrawnForTheOfflineHint() throws IOException {
        String code = "Here:\n```java\n" + "int a = 1;\n".repeat(10) + "```\n";
        try (FakeProvider provider = new FakeProvider(code)) {
            provider.configure(ws);
            CliRun run = CliRun.of("tutor", "-w", ws.toString(), "--yes", "put-and-get", "just give me the code");
            assertEquals(0, run.status(), run.out() + run.err());
            assertTrue(run.out().contains("[reply withdrawn: the reply contained a code block longer than"), run.out());
            assertTrue(run.out().contains("The offline hint instead (put-and-get · hint 1 of 4"), run.out());
            assertFalse(run.out().contains("int a = 1;"), run.out());
        }
    }

    private static CliRun withInput(String text, java.util.function.Supplier<CliRun> body) {
        InputStream old = System.in;
        System.setIn(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        try {
            return body.get();
        } finally {
            System.setIn(old);
        }
    }
}
