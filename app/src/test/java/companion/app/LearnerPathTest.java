package companion.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import companion.course.catalog.Catalog;
import companion.course.catalog.CriterionSpec;
import companion.course.catalog.Milestone;
import companion.course.scaffold.ReferenceSources;
import companion.course.scaffold.ScaffoldGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The path a learner walks, through the real CLI and the real child JVM: a new workspace fails milestone 1, a
 * solved one passes it, and whatever the learner's code does (loop, exit, exhaust memory, not compile) the tool
 * reports it against the right criterion and carries on.
 */
class LearnerPathTest {
    private static final Milestone M1 = Catalog.load().milestone(1);
    private static final Milestone M2 = Catalog.load().milestone(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path newWorkspace() {
        Path ws = dir.resolve("ws");
        assertEquals(0, CliRun.of("init", ws.toString()).status());
        return ws;
    }

    /** Writes the reference solution over the starter, as a learner who filled in every TODO would have it. */
    private static void solve(Path ws) throws IOException {
        solve(ws, M1);
    }

    /** Writes {@code milestone}'s reference solution over its starter files. */
    private static void solve(Path ws, Milestone milestone) throws IOException {
        for (String path : milestone.sourcePaths()) {
            Files.writeString(ws.resolve("src/main/java").resolve(path),
                    ScaffoldGenerator.solution(path, ReferenceSources.read(path)).text());
        }
    }

    /** Replaces {@code from} with {@code to} in the workspace's KVStore.java. */
    private static void edit(Path ws, String from, String to) throws IOException {
        Path file = ws.resolve("src/main/java/companion/database/kv/KVStore.java");
        String text = Files.readString(file);
        assertTrue(text.contains(from), "KVStore.java has no " + from);
        Files.writeString(file, text.replace(from, to));
    }

    private static JsonNode criterion(CliRun run, String id) throws IOException {
        for (JsonNode c : JSON.readTree(run.out()).path("criteria")) {
            if (c.path("id").asText().equals(id)) {
                return c;
            }
        }
        throw new AssertionError("no result for " + id + " in " + run.out());
    }

    @Test
    void newWorkspaceListsEveryCriterionAndFails() {
        Path ws = newWorkspace();
        CliRun run = CliRun.of("test", "-w", ws.toString(), "--seed", "7");
        assertEquals(1, run.status(), run.out() + run.err());
        for (CriterionSpec c : M1.criteria()) {
            assertTrue(run.out().contains(c.id()), c.id() + " missing from:\n" + run.out());
        }
        assertTrue(run.out().contains("0 of 11 criteria passed"), run.out());
    }

    @Test
    void solvedWorkspacePassesRecordsHistoryAndReachesTheEndOfTheAvailableCourse() throws IOException {
        Path ws = newWorkspace();
        solve(ws);
        CliRun run = CliRun.of("test", "-w", ws.toString(), "--json", "--seed", "7");
        assertEquals(0, run.status(), run.out() + run.err());
        JsonNode doc = JSON.readTree(run.out()); // nothing but one JSON document on stdout
        assertEquals(11, doc.path("passed").asInt());
        assertEquals(1, Files.readAllLines(ws.resolve(".companion/history.jsonl")).size());

        CliRun status = CliRun.of("status", "-w", ws.toString());
        assertTrue(status.out().contains("passed"), status.out());

        // Milestone 2: next keeps what the learner changed, the starter fails, the solution passes both milestones.
        Path kvStore = ws.resolve("src/main/java/companion/database/kv/KVStore.java");
        String mine = Files.readString(kvStore) + "\n// my own note\n";
        Files.writeString(kvStore, mine);
        Files.writeString(ws.resolve("LESSON.md"), Files.readString(ws.resolve("LESSON.md")) + "\nmy notes\n");
        CliRun next = CliRun.of("next", "-w", ws.toString());
        assertEquals(0, next.status(), next.out() + next.err());
        assertTrue(next.out().contains("Unlocked milestone 2"), next.out());
        assertEquals(mine, Files.readString(kvStore), "next must not touch a file the learner changed");
        assertTrue(Files.readString(ws.resolve("LESSON.md.new")).startsWith("# Milestone 2"),
                "the new lesson goes beside the learner's edited one");
        assertTrue(Files.exists(ws.resolve("src/main/java/companion/database/storage/LogStructuredStore.java")));
        assertTrue(Files.exists(ws.resolve("src/main/java/companion/api/StorageEngine.java")));

        CliRun starter = CliRun.of("test", "-w", ws.toString(), "--seed", "7", "--only", "durable-ack");
        assertEquals(1, starter.status(), starter.out() + starter.err());
        assertTrue(starter.out().contains("not written yet: TODO(m2)"), starter.out());

        solve(ws, M2);
        CliRun both = CliRun.of("test", "-w", ws.toString(), "--json", "--seed", "7");
        assertEquals(0, both.status(), both.out() + both.err());
        assertEquals(M1.criteria().size() + M2.criteria().size(), JSON.readTree(both.out()).path("passed").asInt());
        CliRun end = CliRun.of("next", "-w", ws.toString());
        assertEquals(0, end.status());
        assertTrue(end.out().contains("not yet available"), end.out());
    }

    @Test
    void nextRefusesWhileTheMilestoneFails() {
        Path ws = newWorkspace();
        CliRun.of("test", "-w", ws.toString(), "--only", "put-and-get");
        CliRun next = CliRun.of("next", "-w", ws.toString());
        assertEquals(1, next.status());
        assertTrue(next.out().contains("not passed yet"), next.out());
    }

    @Test
    void referencePassesEveryCriterionAsJson() throws IOException {
        CliRun run = CliRun.of("test", "--reference", "-m", "1", "--json", "--seed", "3");
        assertEquals(0, run.status(), run.out() + run.err());
        JsonNode doc = JSON.readTree(run.out());
        assertEquals("reference", doc.path("subject").asText());
        assertEquals(M1.criteria().size(), doc.path("criteria").size());
        for (JsonNode c : doc.path("criteria")) {
            assertEquals("passed", c.path("status").asText(), c.toString());
            assertTrue(c.has("millis") && c.has("message") && c.path("milestone").asInt() == 1, c.toString());
        }
    }

    @Test
    void compileErrorsNameFileAndLineAndExitTwo() throws IOException {
        Path ws = newWorkspace();
        edit(ws, "public Optional<String> get(String key) {", "public Optional<String> get(String key) { int x = ;");
        CliRun run = CliRun.of("test", "-w", ws.toString());
        assertEquals(2, run.status());
        assertTrue(run.out().matches("(?s).*src/main/java/companion/database/kv/KVStore\\.java:\\d+:\\d+: .*"), run.out());
    }

    @Test
    void endlessLoopTimesOutNamingTheMethodAndTheRestStillRun() throws IOException {
        Path ws = newWorkspace();
        solve(ws);
        edit(ws, "return Optional.ofNullable(map.get(key));",
                "while (key.startsWith(\"user\")) { Thread.onSpinWait(); }\n return Optional.ofNullable(map.get(key));");
        CliRun run = CliRun.of("test", "-w", ws.toString(), "--json", "--only", "put-and-get,get-missing-key");
        JsonNode looped = criterion(run, "put-and-get");
        assertEquals("timeout", looped.path("status").asText(), looped.toString());
        assertTrue(looped.path("message").asText().contains("KVStore.get (KVStore.java:"), looped.toString());
        assertEquals("passed", criterion(run, "get-missing-key").path("status").asText());
    }

    @Test
    void systemExitInTheStoreFailsOnlyThatCriterion() throws IOException {
        Path ws = newWorkspace();
        solve(ws);
        edit(ws, "public void put(String key, String value) {",
                "public void put(String key, String value) { if (key.equals(\"user:1\")) System.exit(3);");
        CliRun run = CliRun.of("test", "-w", ws.toString(), "--json", "--only", "put-and-get,get-missing-key");
        JsonNode exited = criterion(run, "put-and-get");
        assertEquals("failed", exited.path("status").asText(), exited.toString());
        assertTrue(exited.path("got").asText().contains("System.exit(3)"), exited.toString());
        assertEquals("passed", criterion(run, "get-missing-key").path("status").asText());
    }

    @Test
    void outOfMemoryIsAnErrorAndTheNextCriterionRunsInAFreshJvm() throws IOException {
        Path ws = newWorkspace();
        solve(ws);
        edit(ws, "private boolean closed;",
                "private boolean closed; static final java.util.List<long[]> LEAK = new java.util.ArrayList<>();");
        edit(ws, "public void put(String key, String value) {",
                "public void put(String key, String value) { while (key.equals(\"user:1\")) LEAK.add(new long[1 << 20]);");
        CliRun run = CliRun.of("test", "-w", ws.toString(), "--json", "--only", "put-and-get,get-missing-key");
        JsonNode leaked = criterion(run, "put-and-get");
        assertEquals("error", leaked.path("status").asText(), leaked.toString());
        assertTrue(leaked.path("message").asText().contains("ran out of memory"), leaked.toString());
        assertEquals("passed", criterion(run, "get-missing-key").path("status").asText());
    }

    @Test
    void unknownCriterionIsAUsageErrorListingTheIds() {
        Path ws = newWorkspace();
        CliRun run = CliRun.of("test", "-w", ws.toString(), "--only", "put-and-gte");
        assertEquals(2, run.status());
        assertTrue(run.err().contains("no criterion 'put-and-gte'") && run.err().contains("put-and-get"), run.err());
    }

    @Test
    void scaffoldReportsTheShare() {
        CliRun run = CliRun.of("scaffold", "-m", "1", "--out", dir.resolve("starter").toString());
        assertEquals(0, run.status());
        assertTrue(run.out().matches("(?s).*scaffold share [0-9.]+ % \\(target 80 %\\).*"), run.out());
        assertTrue(Files.exists(dir.resolve("starter/src/main/java/companion/database/kv/KVStore.java")));
        List.of("companion/api/KeyValueStore.java").forEach(p ->
                assertTrue(Files.exists(dir.resolve("starter/src/main/java").resolve(p)), p));
    }
}
