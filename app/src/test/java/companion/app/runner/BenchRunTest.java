package companion.app.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import companion.api.Durability;
import companion.bench.run.BenchPlan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which engine runs what in its own JVM: the floor beside a course engine, the ceilings after it. */
class BenchRunTest {
    private static final List<String> M2 = List.of("m2-fillrandom", "m2-readrandom", "m2-sync", "m2-space");
    private static final BenchPlan PLAN = new BenchPlan("unused", Durability.NONE, M2, 1_000, 3, 1, 1, 16, 100, 42,
            60, List.of(100, 1_000), Path.of("scratch"), 2);

    @Test
    void theFloorRunsInTheCourseEnginesJvmAndGetsNoneOfItsOwn() {
        List<String> engines = List.of("reference", "hashmap", "fdatasync", "rocksdb");
        assertEquals(Optional.empty(), BenchRun.planFor(PLAN, "fdatasync", engines));
        assertEquals(List.of("m2-fillrandom", "m2-readrandom"),
                BenchRun.planFor(PLAN, "hashmap", engines).orElseThrow().workloads(), "a ceiling is not paired");
        assertEquals(M2, BenchRun.planFor(PLAN, "reference", engines).orElseThrow().workloads());
        assertEquals(List.of(100, 1_000), BenchRun.planFor(PLAN, "rocksdb", engines).orElseThrow().scaling());
    }

    @Test
    void withoutACourseEngineTheFloorRunsAlone() {
        BenchPlan own = BenchRun.planFor(PLAN, "fdatasync", List.of("rocksdb", "fdatasync")).orElseThrow();
        assertEquals(List.of("m2-sync"), own.workloads());
        assertEquals(List.of(), own.scaling(), "a baseline is not charted");
        List<String> m1 = List.of("m1-inserts", "m1-reads");
        BenchPlan askedByName = PLAN.forEngine("unused", m1, List.of());
        assertEquals(m1, BenchRun.planFor(askedByName, "fdatasync", List.of("reference", "fdatasync")).orElseThrow()
                .workloads(), "asked for by name with no workload naming it: it runs them all");
    }

    @Test
    void stepsCountOnlyTheJvmsThatRun() {
        List<String> engines = new ArrayList<>(List.of("reference", "rocksdb"));
        BenchRun.addBaselines(engines, M2);
        assertEquals(List.of("reference", "hashmap", "fdatasync", "rocksdb"), engines);
        assertEquals(4 + 1 + 2 + 4 + 1, BenchRun.steps(PLAN, engines), "reference and rocksdb: 4 workloads and"
                + " the curve each; hashmap: 2; fdatasync: none of its own");
    }
}
