package companion.bench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A space result crosses from the child to the parent whole, and reads as a ratio, not a rate. */
class BenchEventJsonTest {

    @Test
    void spaceResultSurvivesTheEventLine() {
        SpaceUse space = new SpaceUse(150_000, 100_000, 3, 900, 2_000, "compact()", 12.5);
        BenchResult result = new BenchResult("reference", "m2-space", "keys", "none", Map.of("fsync", "never"),
                1_000, 1, 1, 1, 0, 12.5, 12.5, 12.5, 12.5, 0, null, null, null, null, null, 42, space, null,
                List.of(12.5));
        String line = new BenchEvent("result", "reference", null, null, null, result, null).toLine();
        assertTrue(line.contains("\"space\":{\"fileBytes\":150000,\"liveBytes\":100000"), line);
        assertEquals(result, BenchEvent.parse(line).orElseThrow().result());
        assertEquals(1.5, space.ratio(), 1e-12);
        assertTrue(result.resultLine().endsWith("after compact(): 150.0 kB in 3 files for 100.0 kB live = 1.50x"),
                result.resultLine());
    }

    @Test
    void aRateResultHasNoSpaceField() {
        BenchResult result = new BenchResult("rocksdb", "m2-sync", "durable inserts", "sync", Map.of(), 100, 1, 1, 1,
                0, 10, 10, 10, 10, 10_000, 1.0, 141.0, null, null, null, 42, null, null, null);
        assertTrue(!new BenchEvent("result", "rocksdb", null, null, null, result, null).toLine().contains("space"));
    }
}
