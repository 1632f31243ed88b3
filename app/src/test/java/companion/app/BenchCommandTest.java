package companion.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark harness runs and its numbers are consistent (counts match, counters agree with the record
 * format). It never asserts how fast anything is: speed is for docs/benchmarks.md, measured in one run.
 */
class BenchCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void referenceRunReportsEveryWorkloadWithMatchingCountsAndOneWritePerInsert() throws IOException {
        CliRun run = CliRun.of("bench", "--reference", "--engines", "reference", "--ops", "300", "--runs", "2",
                "--warmups", "1", "--scaling", "100,1000", "--json");
        assertEquals(0, run.status(), run.err());
        JsonNode doc = JSON.readTree(run.out()); // one JSON document, nothing else on stdout
        assertEquals("none", doc.path("durability").asText());
        Set<String> workloads = new HashSet<>();
        for (JsonNode r : doc.path("results")) {
            workloads.add(r.path("workload").asText());
            assertEquals(300, r.path("ops").asInt(), r.toString());
            assertEquals(2, r.path("runs").asInt(), r.toString());
            assertConsistentRate(r);
            assertTrue(r.path("minMillis").asDouble() <= r.path("medianMillis").asDouble()
                    && r.path("medianMillis").asDouble() <= r.path("maxMillis").asDouble(), r.toString());
            assertEquals("never", r.path("settings").path("fsync").asText(), r.toString());
        }
        assertEquals(Set.of("m1-inserts", "m1-reads", "m1-deletes"), workloads);
        JsonNode inserts = find(doc, "reference", "m1-inserts");
        if (inserts.has("writeCallsPerOp")) { // Linux: /proc/self/io
            assertEquals(1.0, inserts.path("writeCallsPerOp").asDouble(), 0.01, "one append per put");
            assertEquals(1 + 4 + 16 + 4 + 100, inserts.path("bytesPerOp").asDouble(), 1.0, "one 125-byte record");
        }
        assertEquals(0.0, inserts.path("fsyncsPerOp").asDouble(), "durability none never forces");
        assertEquals(List.of(100, 1000), List.of(doc.path("scaling").get(0).path("n").asInt(),
                doc.path("scaling").get(1).path("n").asInt()));
    }

    @Test
    void everyEngineGivesAFigureForEveryWorkloadAtTheStatedDurability() throws IOException {
        List<String> engines = List.of("reference", "rocksdb", "lmdb", "h2", "sqlite", "mapdb");
        CliRun run = CliRun.of("bench", "--reference", "--engines", String.join(",", engines), "--ops", "200",
                "--runs", "1", "--warmups", "0", "--scaling", "none", "--json");
        assertEquals(0, run.status(), run.err());
        JsonNode doc = JSON.readTree(run.out());
        assertEquals(0, doc.path("errors").size(), doc.path("errors").toString());
        assertEquals(engines.size(), doc.path("engines").size());
        for (JsonNode settings : doc.path("engines")) {
            assertTrue(settings.path("honoured").asBoolean(), settings.toString());
            assertEquals("none", settings.path("durability").asText());
        }
        for (String engine : engines) {
            for (String workload : List.of("m1-inserts", "m1-reads", "m1-deletes")) {
                JsonNode r = find(doc, engine, workload);
                assertEquals(200, r.path("ops").asInt(), r.toString());
                assertConsistentRate(r);
                assertEquals("none", r.path("durability").asText());
            }
        }
    }

    @Test
    void syncDurabilityForcesOncePerWriteAndSaysSo() throws IOException {
        CliRun run = CliRun.of("bench", "--reference", "--engines", "reference", "--durability", "sync",
                "--ops", "50", "--runs", "1", "--warmups", "0", "--scaling", "none", "--json");
        assertEquals(0, run.status(), run.err());
        JsonNode inserts = find(JSON.readTree(run.out()), "reference", "m1-inserts");
        assertEquals("sync", inserts.path("durability").asText());
        assertEquals(1.0, inserts.path("fsyncsPerOp").asDouble(), 0.001, "one FileChannel.force per put");
    }

    @Test
    void anEngineThatCannotHonourTheDurabilityIsMarkedNotCompared() throws IOException {
        CliRun run = CliRun.of("bench", "--reference", "--engines", "reference,lmdb", "--durability", "group",
                "--ops", "50", "--runs", "1", "--warmups", "0", "--scaling", "none");
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("reference    not run: milestone 1's store has no group commit"), run.out());
        assertTrue(run.out().contains("lmdb         not run: "), run.out());
    }

    @Test
    void learnerStarterIsReportedAsNotWrittenYetWhileTheReferenceRuns() throws IOException {
        Path ws = dir.resolve("ws");
        assertEquals(0, CliRun.of("init", ws.toString()).status());
        CliRun run = CliRun.of("bench", "-w", ws.toString(), "--engines", "yours,reference", "--ops", "100",
                "--runs", "1", "--warmups", "0", "--scaling", "none");
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("yours        failed: UnsupportedOperationException: TODO(m1)"), run.out());
        assertTrue(run.out().matches("(?s).*reference    Results: 100 inserts, avg [0-9.]+ms, [0-9,]+ ops/sec.*"),
                run.out());
        assertTrue(Files.readString(ws.resolve(".companion/history.jsonl")).contains("\"kind\":\"bench\""));
    }

    @Test
    void unknownEngineIsAUsageErrorNamingTheEngines() {
        CliRun run = CliRun.of("bench", "--reference", "--engines", "oracle");
        assertEquals(2, run.status());
        assertTrue(run.err().contains("no engine 'oracle'") && run.err().contains("rocksdb"), run.err());
    }

    /** The reported rate is ops / avg time, as the seed's line defines it: a consistency check, not a speed one. */
    private static void assertConsistentRate(JsonNode r) {
        double rate = r.path("opsPerSec").asDouble();
        double expected = r.path("ops").asDouble() / (r.path("avgMillis").asDouble() / 1000);
        assertEquals(expected, rate, expected * 1e-9, r.toString());
    }

    private static JsonNode find(JsonNode doc, String engine, String workload) {
        for (JsonNode r : doc.path("results")) {
            if (r.path("engine").asText().equals(engine) && r.path("workload").asText().equals(workload)) {
                return r;
            }
        }
        throw new AssertionError("no " + engine + "/" + workload + " in " + doc);
    }
}
