package companion.bench.ycsb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import companion.api.Durability;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** YCSB's core workloads end to end on an in-memory engine. No timing assertions: only counts and contents. */
class YcsbRunTest {
    private static final int RECORDS = 500;
    private static final int OPERATIONS = 4_000;

    @TempDir
    Path scratch;

    private final MapEngine engine = new MapEngine();

    @ParameterizedTest
    @ValueSource(strings = {"a", "b", "c", "d", "f"})
    void workloadCompletesWithTheRequestedOperations(String letter) {
        Path dir = scratch.resolve(letter);
        YcsbOutcome outcome = YcsbRun.run(engine, Durability.NONE, letter, RECORDS, OPERATIONS, 4, dir);

        assertNull(outcome.notSupported());
        assertEquals(letter, outcome.workload());
        assertEquals(RECORDS, outcome.records());
        assertEquals(OPERATIONS, outcome.operations());
        assertEquals(4, outcome.threads());
        assertEquals(OPERATIONS, outcome.operationCounts().values().stream().mapToLong(Long::longValue).sum());
        assertTrue(outcome.runOpsPerSec() > 0);
        outcome.operationCounts().keySet().forEach(op -> assertNotNull(outcome.averageLatencyMicros().get(op), op));
        assertEquals(1, engine.opens.get(), "opened once");
        assertEquals(1, engine.closes.get(), "closed once");

        // Every loaded or inserted record is one value holding YCSB's 10 fields of 100 bytes.
        Map<String, String> stored = engine.contents.get(dir.toAbsolutePath().normalize());
        long inserted = outcome.operationCounts().getOrDefault("INSERT", 0L);
        assertEquals(RECORDS + inserted, stored.size());
        for (String value : stored.values()) {
            Map<String, String> record = RecordCodec.decode(value);
            assertEquals(10, record.size());
            record.values().forEach(field -> assertEquals(100, field.length()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "b", "c", "d", "f"})
    void countsFollowTheWorkloadProportions(String letter) {
        int operations = 10_000;
        YcsbOutcome outcome = YcsbRun.run(engine, Durability.NONE, letter, RECORDS, operations, 2,
                scratch.resolve(letter));
        Map<String, Double> expected = switch (letter) {
            case "a" -> Map.of("READ", 0.5, "UPDATE", 0.5);
            case "b" -> Map.of("READ", 0.95, "UPDATE", 0.05);
            case "c" -> Map.of("READ", 1.0);
            case "d" -> Map.of("READ", 0.95, "INSERT", 0.05);
            case "f" -> Map.of("READ", 0.5, "READ-MODIFY-WRITE", 0.5);
            default -> throw new AssertionError(letter);
        };
        assertEquals(expected.keySet(), outcome.operationCounts().keySet());
        // The binomial standard deviation at 10,000 draws is at most 0.5 points; 3 points is over 6 deviations.
        expected.forEach((op, share) -> {
            double actual = outcome.operationCounts().get(op) / (double) operations;
            assertEquals(share, actual, 0.03, () -> letter + " " + op + ": " + outcome.operationCounts());
        });
        if (letter.equals("f")) {
            assertTrue(outcome.averageLatencyMicros().containsKey("UPDATE"), "YCSB measures F's writes as UPDATE");
        }
    }

    @Test
    void workloadEIsNotRunAndSaysWhy() {
        Path dir = scratch.resolve("e");
        YcsbOutcome outcome = YcsbRun.run(engine, Durability.NONE, "E", RECORDS, OPERATIONS, 4, dir);
        assertFalse(outcome.ran());
        assertTrue(outcome.notSupported().contains("ordered iteration"), outcome.notSupported());
        assertEquals("e", outcome.workload());
        assertTrue(outcome.operationCounts().isEmpty());
        assertEquals(0, engine.opens.get(), "E never opens the store");
        assertFalse(Files.exists(dir));
    }

    @Test
    void twoRunsInARowAreIndependent() {
        YcsbOutcome first = YcsbRun.run(engine, Durability.NONE, "a", RECORDS, OPERATIONS, 3, scratch.resolve("1"));
        YcsbOutcome second = YcsbRun.run(engine, Durability.NONE, "b", RECORDS, 1_000, 3, scratch.resolve("2"));
        assertEquals(OPERATIONS, first.operationCounts().values().stream().mapToLong(Long::longValue).sum());
        // Measurements leaking from the first run would push this over 1,000.
        assertEquals(1_000, second.operationCounts().values().stream().mapToLong(Long::longValue).sum());
        assertEquals(2, engine.opens.get());
        assertEquals(2, engine.closes.get());
    }

    @Test
    void aFailingStoreAbortsTheRunNamingTheFirstFailure() {
        engine.failReads = true;
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> YcsbRun.run(engine, Durability.NONE, "c", RECORDS, 100, 2, scratch.resolve("broken")));
        assertTrue(failure.getMessage().contains("run phase"), failure.getMessage());
        assertTrue(failure.getMessage().contains("failed YCSB read"), failure.getMessage());
        assertEquals(1, engine.closes.get(), "the store is still closed");
        engine.failReads = false;
        YcsbOutcome after = YcsbRun.run(engine, Durability.NONE, "c", RECORDS, 100, 2, scratch.resolve("fine"));
        assertEquals(Map.of("READ", 100L), after.operationCounts());
    }

    @Test
    void moreThreadsThanOperationsIsCapped() {
        YcsbOutcome outcome = YcsbRun.run(engine, Durability.NONE, "c", 3, 5, 8, scratch.resolve("tiny"));
        assertEquals(5, outcome.threads());
        assertEquals(Map.of("READ", 5L), outcome.operationCounts());
    }

    @Test
    void badArgumentsAreRejected() throws IOException {
        assertThrows(IllegalArgumentException.class,
                () -> YcsbRun.run(engine, Durability.NONE, "g", 10, 10, 1, scratch.resolve("g")));
        assertThrows(IllegalArgumentException.class,
                () -> YcsbRun.run(engine, Durability.NONE, "a", 0, 10, 1, scratch.resolve("zero")));
        Path used = Files.createDirectories(scratch.resolve("used"));
        Files.writeString(used.resolve("leftover"), "x");
        assertThrows(IllegalArgumentException.class,
                () -> YcsbRun.run(engine, Durability.NONE, "a", 10, 10, 1, used));
    }
}
