package companion.bench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import companion.api.Durability;
import companion.bench.baseline.HashMapBaseline;
import companion.bench.workload.Keys;
import companion.bench.workload.Workloads;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plan survives the trip to the child JVM, milestone included; a fill has a budget too. */
class BenchPlanTest {
    @TempDir
    Path scratch;

    @Test
    void planRoundTripsThroughTheChildsArguments() {
        BenchPlan plan = new BenchPlan("reference", Durability.NONE, List.of("m2-sync", "m2-space"), 20_000, 3, 1, 1,
                16, 100, 42, 60, List.of(), scratch, 2);
        assertEquals(plan, BenchPlan.fromArgs(plan.toArgs().toArray(String[]::new)));
    }

    @Test
    void aPlanWithoutAMilestoneTakesItsWorkloads() {
        assertEquals(2, plan(List.of("m2-fillrandom", "fillrandom")).milestone());
        assertEquals(1, plan(List.of("m1-inserts")).milestone());
        assertEquals(1, plan(List.of("fillrandom")).milestone(), "db_bench's workloads belong to no milestone");
    }

    @Test
    void aFillOverTheBudgetStopsTheRunInsteadOfHangingIt() {
        Measurement m = new WorkloadRunner(new HashMapBaseline(), Durability.NONE, scratch).runOnce(
                Workloads.named("m2-readrandom"), Keys.generate(1_000, 16, 100, 42), new int[1_000], 1, -1);
        assertTrue(m.stopped().startsWith("the untimed fill was over the 0 s budget"), m.stopped());
        assertEquals(0, m.done());
    }

    private BenchPlan plan(List<String> workloads) {
        return new BenchPlan("", Durability.NONE, workloads, 100, 1, 0, 1, 16, 100, 42, 60, List.of(), scratch);
    }
}
