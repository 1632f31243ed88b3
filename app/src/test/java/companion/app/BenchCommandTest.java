package companion.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
                assertFalse(r.has("fsyncsPerOp"), "fsyncs are counted in a warm-up run, and there was none: " + r);
            }
        }
    }

    @Test
    void syncDurabilityForcesOncePerWriteAndSaysSo() throws IOException {
        CliRun run = CliRun.of("bench", "--reference", "--engines", "reference", "--durability", "sync",
                "--ops", "50", "--runs", "1", "--warmups", "1", "--scaling", "none", "--json");
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
    void milestoneTwoRunMeasuresEveryTargetsTwoSidesInOneRun() throws IOException {
        CliRun run = CliRun.of("bench", "--reference", "-m", "2", "--engines", "reference,rocksdb", "--keys", "300",
                "--runs", "1", "--warmups", "1", "--json");
        assertEquals(0, run.status(), run.err());
        JsonNode doc = JSON.readTree(run.out());
        assertEquals(0, doc.path("errors").size(), doc.path("errors").toString());
        assertEquals(0, doc.path("scaling").size(), "the m1-inserts curve is milestone 1's");
        for (String engine : List.of("reference", "rocksdb")) {
            for (String workload : List.of("m2-fillrandom", "m2-readrandom", "m2-sync", "m2-group8")) {
                JsonNode r = find(doc, engine, workload);
                assertEquals(300, r.path("ops").asInt(), "the sync workloads' caps are above 300: " + r);
                assertConsistentRate(r);
            }
            assertEquals("sync", find(doc, engine, "m2-sync").path("durability").asText());
            assertEquals("group", find(doc, engine, "m2-group8").path("durability").asText());
            assertEquals(8, find(doc, engine, "m2-group8").path("threads").asInt());
            JsonNode space = find(doc, engine, "m2-space").path("space");
            assertEquals(270 * (16 + 100), space.path("liveBytes").asLong(), "90% of the keys live, 116 B each");
            assertTrue(space.path("fileBytes").asLong() > 0, space.toString());
        }
        assertEquals("compact()", find(doc, "reference", "m2-space").path("space").path("compaction").asText());
        assertEquals("compactRange()", find(doc, "rocksdb", "m2-space").path("space").path("compaction").asText());
        assertEquals(1.0, find(doc, "reference", "m2-sync").path("fsyncsPerOp").asDouble(), 0.001);
        assertEquals(1.0, find(doc, "fdatasync", "m2-sync").path("fsyncsPerOp").asDouble(), 0.001,
                "the baseline forces once per append");
        assertEquals("reference", find(doc, "fdatasync", "m2-sync").path("pairedWith").asText(),
                "the floor is measured in the reference's JVM, run for run beside it");
        assertEquals(find(doc, "reference", "m2-sync").path("runs").asInt(),
                find(doc, "fdatasync", "m2-sync").path("runs").asInt(), "one floor run beside each reference run");
        assertTrue(!find(doc, "rocksdb", "m2-sync").has("pairedWith"), "a peer runs in its own JVM");
        find(doc, "hashmap", "m2-fillrandom");
        find(doc, "hashmap", "m2-readrandom");
        Set<String> baselineWorkloads = new HashSet<>();
        for (JsonNode r : doc.path("results")) {
            if (r.path("engine").asText().equals("hashmap") || r.path("engine").asText().equals("fdatasync")) {
                baselineWorkloads.add(r.path("engine").asText() + " " + r.path("workload").asText());
            }
        }
        assertEquals(Set.of("hashmap m2-fillrandom", "hashmap m2-readrandom", "fdatasync m2-sync"), baselineWorkloads,
                "a baseline runs only the workloads whose targets divide by it");
        Set<String> modes = new HashSet<>();
        for (JsonNode settings : doc.path("engines")) {
            modes.add(settings.path("engine").asText() + " " + settings.path("durability").asText());
        }
        assertTrue(modes.containsAll(List.of("reference none", "reference sync", "reference group", "rocksdb group",
                "fdatasync sync")), modes.toString());
        Set<String> targets = new HashSet<>();
        for (JsonNode t : doc.path("targets")) {
            assertEquals("reference", t.path("engine").asText(), t.toString());
            targets.add(t.path("target").asText());
            if (t.path("target").asText().equals("readrandom-vs-lmdb")) {
                assertEquals("lmdb has no m2-readrandom result", t.path("missing").asText(), "lmdb is not in the run");
            } else {
                assertTrue(t.has("ratio") && t.has("met"), "both sides ran, so the target has a ratio: " + t);
            }
        }
        assertEquals(Set.of("fillrandom-vs-rocksdb", "readrandom-vs-lmdb", "readrandom-vs-hashmap",
                "sync-vs-fdatasync", "group8-vs-sync", "space-after-compaction"), targets);
        JsonNode first = doc.path("targets").get(0);
        assertEquals(find(doc, "reference", "m2-fillrandom").path("opsPerSec").asDouble()
                / find(doc, "rocksdb", "m2-fillrandom").path("opsPerSec").asDouble(), first.path("ratio").asDouble(),
                1e-9, "fillrandom-vs-rocksdb divides the two rates of this run");
    }

    @Test
    void milestoneTwoTableNamesEachWorkloadsDurabilityAndPrintsTargetsAndSpace() {
        CliRun run = CliRun.of("bench", "--reference", "-m", "2", "--engines", "reference,lmdb", "--workloads",
                "m2-group8,m2-space", "--keys", "200", "--runs", "1", "--warmups", "0");
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("durability group, 8 threads"), run.out());
        assertTrue(run.out().contains("lmdb         not run: LMDB"), "refused, not run at a weaker durability: "
                + run.out());
        assertTrue(run.out().contains("space after compaction"), run.out());
        assertTrue(run.out().matches("(?s).*lmdb +n/a .*"), "LMDB has no compaction call: " + run.out());
        assertTrue(run.out().contains("targets (issue 5; ratios within this run):"), run.out());
        assertTrue(run.out().contains("after compaction: files at most 1.5x the live data"), run.out());
        assertTrue(!run.out().contains("8 writers at group"), "its other side, m2-sync, was not asked for");
        assertFalse(run.out().contains("taken in turns"), "nothing to take turns with: " + run.out());
    }

    @Test
    void groupCommitRunsTakeTurnsWithTheSyncRunsItsTargetDividesBy() {
        CliRun run = CliRun.of("bench", "--reference", "-m", "2", "--engines", "reference", "--workloads",
                "m2-sync,m2-group8", "--keys", "100", "--runs", "1", "--warmups", "0");
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("8 threads, 1 run, runs taken in turns with m2-sync's"), run.out());
        assertTrue(run.out().contains("8 writers at group: at least 4x one writer at sync"), run.out());
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
        JsonNode each = r.path("runMillis");
        assertEquals(r.path("runs").asInt(), each.size(), "one time per measured run: " + r);
        double sum = 0;
        for (JsonNode millis : each) {
            sum += millis.asDouble();
        }
        assertEquals(r.path("avgMillis").asDouble(), sum / each.size(), 1e-6, "avg is the runs' mean: " + r);
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
