package companion.bench.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import companion.bench.run.BenchResult;
import companion.bench.run.SpaceUse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each target divides the two figures it names, of the same run, and says so when one is missing. */
class TargetsTest {
    private static final List<String> M2 = List.of("m2-fillrandom", "m2-readrandom", "m2-sync", "m2-group8",
            "m2-space");
    private static final List<String> ENGINES = List.of("reference", "hashmap", "fdatasync", "rocksdb", "lmdb");

    private final List<BenchResult> results = new ArrayList<>(List.of(
            rate("reference", "m2-fillrandom", 600_000), rate("rocksdb", "m2-fillrandom", 200_000),
            rate("reference", "m2-readrandom", 900_000), rate("lmdb", "m2-readrandom", 450_000),
            rate("hashmap", "m2-readrandom", 2_000_000),
            rate("reference", "m2-sync", 4_500), rate("fdatasync", "m2-sync", 5_000),
            rate("reference", "m2-group8", 13_500),
            space("reference", 160, 100)));

    @Test
    void everyTargetIsTheRatioOfItsTwoFigures() {
        Map<String, TargetCheck> checks = byTarget(Targets.check(2, ENGINES, M2, results));
        assertEquals(6, checks.size());
        assertRatio(checks.get("fillrandom-vs-rocksdb"), 3.0, true);
        assertRatio(checks.get("readrandom-vs-lmdb"), 2.0, true);
        assertRatio(checks.get("readrandom-vs-hashmap"), 0.45, false);
        assertRatio(checks.get("sync-vs-fdatasync"), 0.9, true);
        assertRatio(checks.get("group8-vs-sync"), 3.0, false);
        assertRatio(checks.get("space-after-compaction"), 1.6, false);
        assertEquals("bytes", checks.get("space-after-compaction").unit());
        assertEquals(600_000.0, checks.get("fillrandom-vs-rocksdb").numerator());
    }

    @Test
    void aMissingOrStoppedSideGivesNoRatioButSaysWhy() {
        results.removeIf(r -> r.engine().equals("rocksdb"));
        results.add(new BenchResult("lmdb", "m2-sync", "x", "sync", Map.of(), 1, 1, 1, 1, 0, 1, 1, 1, 1, 0, null,
                null, null, null, "over the 60 s budget", 42, null, null, null));
        TargetCheck check = byTarget(Targets.check(2, ENGINES, M2, results)).get("fillrandom-vs-rocksdb");
        assertNull(check.ratio());
        assertNull(check.met());
        assertEquals("rocksdb has no m2-fillrandom result", check.missing());
        assertTrue(check.verdict().startsWith("- (rocksdb has no"), check.verdict());
    }

    @Test
    void milestoneOnesStoreIsNoSubjectAndUnaskedWorkloadsGiveNoTargets() {
        assertEquals(List.of(), Targets.check(1, ENGINES, M2, results));
        assertEquals(List.of(), Targets.check(2, ENGINES, List.of("m1-inserts"), results));
        assertEquals(List.of("space-after-compaction"), Targets.check(2, ENGINES, List.of("m2-space"), results)
                .stream().map(TargetCheck::target).toList());
    }

    @Test
    void jsonLeavesOutWhatIsMissing() throws Exception {
        String json = new ObjectMapper().writeValueAsString(Targets.check(2, ENGINES, List.of("m2-space"), results)
                .get(0));
        assertTrue(json.contains("\"ratio\":1.6") && json.contains("\"met\":false") && !json.contains("missing"),
                json);
    }

    private static void assertRatio(TargetCheck check, double ratio, boolean met) {
        assertEquals(ratio, check.ratio(), 1e-9, check.toString());
        assertEquals(met, check.met(), check.toString());
        assertEquals("reference", check.engine());
    }

    private static Map<String, TargetCheck> byTarget(List<TargetCheck> checks) {
        Map<String, TargetCheck> map = new java.util.LinkedHashMap<>();
        checks.forEach(c -> map.put(c.target(), c));
        return map;
    }

    @Test
    void theFloorMeasuredBesideTheSubjectIsTheOneItIsComparedWith() {
        List<String> engines = List.of("yours", "reference", "fdatasync");
        results.add(rate("yours", "m2-sync", 3_000));
        results.add(0, paired("fdatasync", "m2-sync", 10_000, "reference")); // first, but not the yours pair
        results.add(paired("fdatasync", "m2-sync", 6_000, "yours"));
        Map<String, TargetCheck> yours = new java.util.HashMap<>();
        Map<String, TargetCheck> reference = new java.util.HashMap<>();
        for (TargetCheck check : Targets.check(2, engines, List.of("m2-sync"), results)) {
            (check.engine().equals("yours") ? yours : reference).put(check.target(), check);
        }
        assertEquals(0.5, yours.get("sync-vs-fdatasync").ratio(), 1e-9, "3,000 over the 6,000 beside yours");
        assertRatio(reference.get("sync-vs-fdatasync"), 0.45, false); // 4,500 over the 10,000 beside it
    }

    private static BenchResult paired(String engine, String workload, double opsPerSec, String pairedWith) {
        return new BenchResult(engine, workload, "ops", "sync", Map.of(), 1_000, 1, 1, 1, 0, 1, 1, 1, 1, opsPerSec,
                null, null, null, null, null, 42, null, pairedWith, null);
    }

    private static BenchResult rate(String engine, String workload, double opsPerSec) {
        return new BenchResult(engine, workload, "ops", "none", Map.of(), 1_000, 1, 1, 1, 0, 1, 1, 1, 1, opsPerSec,
                null, null, null, null, null, 42, null, null, null);
    }

    private static BenchResult space(String engine, long fileBytes, long liveBytes) {
        return new BenchResult(engine, "m2-space", "keys", "none", Map.of(), 1_000, 1, 1, 1, 0, 1, 1, 1, 1, 0, null,
                null, null, null, null, 42,
                new SpaceUse(fileBytes, liveBytes, 1, 10, 20, "compact()", 1), null, null);
    }
}
