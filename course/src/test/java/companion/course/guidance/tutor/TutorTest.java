package companion.course.guidance.tutor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import companion.course.catalog.Catalog;
import companion.course.catalog.Milestone;
import companion.course.guidance.LessonSections;
import companion.course.scaffold.ReferenceSources;
import companion.course.scaffold.ScaffoldedFile;
import companion.course.scaffold.Starter;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The tutor end to end against a loopback server: what it sends, and what it lets through. */
class TutorTest {
    private static final Milestone M1 = Catalog.load().milestone(1);
    private static final SolutionText SOLUTION = SolutionText.of("m1");

    /** A learner's question about a fresh workspace: its starter files, the lesson step, a TODO failure. */
    private static Prompt.Context context(String question) {
        Map<String, String> files = new LinkedHashMap<>();
        for (ScaffoldedFile file : Starter.of(M1).all()) {
            files.put(file.path(), file.text());
        }
        String lesson = LessonSections.section(Catalog.load().lesson(M1), "Step 3: put and delete (`KVStore.java`)")
                .orElseThrow();
        return new Prompt.Context("put-and-get", "A value put can be read back",
                "did:      open a new store file, put(\"user:1\", \"alice\")\nexpected: the last step to return"
                        + " normally\ngot:      threw UnsupportedOperationException: TODO(m1): KVStore.write",
                "companion test --only put-and-get --seed 1", lesson, 1, "Where does the value live?", files, question);
    }

    private static Tutor tutor(FakeChatServer server) {
        return new Tutor(new ChatClient(new TutorConfig(server.url(), "tiny", "", Duration.ofSeconds(5))), SOLUTION);
    }

    /** A few lines of milestone 1's reference solution, as a leaking model would quote them. */
    private static String solutionExcerpt() {
        String path = "companion/database/kv/KVStore.java";
        List<String> lines = SolutionText.learnerLines(path, ReferenceSources.read(path), "m1");
        return String.join("\n", lines.subList(0, Math.min(3, lines.size())));
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void whatIsSentHasTheSystemPromptNoReferenceTextAndFitsTheBudget(boolean stream) throws IOException {
        try (FakeChatServer server = new FakeChatServer(FakeChatServer.replying("Where does put write first?"))) {
            Tutor.Reply reply = tutor(server).ask(Prompt.messages(context("why does put fail?")), stream, s -> { });
            assertFalse(reply.withdrawn());
            FakeChatServer.Received sent = server.received.get(0);
            assertTrue(sent.message("system").startsWith("You are a tutor in CS Companion"));
            assertTrue(sent.message("system").contains("hint level 1 of 4"));
            String user = sent.message("user");
            assertTrue(user.contains("why does put fail?") && user.contains("TODO(m1): KVStore.write"), user);
            assertTrue(user.length() <= Prompt.BUDGET, "user message of " + user.length() + " characters");
            assertEquals(java.util.Optional.empty(), SOLUTION.overlap(sent.body().toString()),
                    "the request must not carry the reference solution");
        }
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void aReplyThatLeaksTheSolutionIsWithdrawn(boolean stream) throws IOException {
        String leak = "Here is what you need:\n```java\n" + solutionExcerpt() + "\n```\nGood luck!\n";
        try (FakeChatServer server = new FakeChatServer(FakeChatServer.replying(leak.split("(?<=\n)")))) {
            StringBuilder shown = new StringBuilder();
            Tutor.Reply reply = tutor(server).ask(Prompt.messages(context("give me the code")), stream, shown::append);
            assertTrue(reply.withdrawn());
            assertTrue(reply.rejection().contains("reference solution"), reply.rejection());
            assertEquals(java.util.Optional.empty(), SOLUTION.overlap(shown.toString()), shown.toString());
            assertFalse(shown.toString().contains("Good luck"), "nothing after the leak is shown");
            assertEquals(leak, reply.raw(), "the log keeps what the provider sent");
        }
    }

    @Test
    void aSocraticReplyStreamsThroughUnchanged() throws IOException {
        String answer = "When put returns, which has happened first: the append or the map update?\n"
                + "Look at `write` with that in mind.";
        try (FakeChatServer server = new FakeChatServer(FakeChatServer.replying(answer.split("(?<= )")))) {
            List<String> pieces = new java.util.ArrayList<>();
            Tutor.Reply reply = tutor(server).ask(Prompt.messages(context("hm?")), true, pieces::add);
            assertEquals(answer, String.join("", pieces));
            assertTrue(pieces.size() >= 2, "shown as it arrives, not all at the end: " + pieces);
            assertEquals(answer, reply.shown());
        }
    }

    @Test
    void theSolutionsOfBothMilestonesAreKnownAndTheStarterIsNotMistakenForThem() {
        assertFalse(SOLUTION.isEmpty());
        assertFalse(SolutionText.of("m2").isEmpty());
        for (ScaffoldedFile file : Starter.of(M1).all()) {
            assertEquals(java.util.Optional.empty(), SOLUTION.overlap(file.text()), file.path());
        }
    }

    @Test
    void largeWorkspacesAreCutToTheBudget() {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < 10; i++) {
            files.put("companion/database/kv/Big" + i + ".java", "x".repeat(5_000));
        }
        Prompt.Context big = new Prompt.Context("put-and-get", "t", "f".repeat(9_000), null, "l".repeat(9_000), 2,
                "h".repeat(9_000), files, "q".repeat(9_000));
        String user = Prompt.messages(big).get(1).content();
        assertTrue(user.length() <= Prompt.BUDGET, "user message of " + user.length() + " characters");
        assertTrue(user.contains("more characters cut"));
    }
}
