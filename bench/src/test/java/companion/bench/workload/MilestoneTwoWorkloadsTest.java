package companion.bench.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import companion.api.Durability;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Milestone 2's set answers every target of issue 5 in one run: each workload fixes what its target fixes. */
class MilestoneTwoWorkloadsTest {

    @Test
    void milestoneTwoSetIsFillReadSyncGroupAndSpace() {
        assertEquals(List.of("m2-fillrandom", "m2-readrandom", "m2-sync", "m2-group8", "m2-space"),
                Workloads.ofMilestone(2).stream().map(Workload::name).toList());
    }

    @Test
    void eachWorkloadKeepsItsOwnDurabilityWhateverTheRunAsks() {
        for (Durability asked : Durability.values()) {
            assertEquals(Durability.NONE, Workloads.named("m2-fillrandom").durabilityIn(asked));
            assertEquals(Durability.NONE, Workloads.named("m2-readrandom").durabilityIn(asked));
            assertEquals(Durability.SYNC, Workloads.named("m2-sync").durabilityIn(asked));
            assertEquals(Durability.GROUP, Workloads.named("m2-group8").durabilityIn(asked));
        }
        assertEquals(Durability.SYNC, Workloads.named("fillrandom").durabilityIn(Durability.SYNC),
                "db_bench's workloads follow the run");
    }

    @Test
    void syncWritersAreCappedAndGroupHasEightThreads() {
        Workload sync = Workloads.named("m2-sync");
        assertEquals(20_000, sync.opsIn(1_000_000));
        assertEquals(500, sync.opsIn(500), "a small run stays small");
        assertEquals(1, sync.threadsIn(4));
        assertEquals(8, Workloads.named("m2-group8").threadsIn(1));
        assertEquals(1_000_000, Workloads.named("m2-fillrandom").opsIn(1_000_000));
    }

    @Test
    void baselinesAreNamedByTheWorkloadsWhoseTargetsDivideByThem() {
        assertEquals(List.of("hashmap"), Workloads.named("m2-fillrandom").baselines());
        assertEquals(List.of("hashmap"), Workloads.named("m2-readrandom").baselines());
        assertEquals(List.of("fdatasync"), Workloads.named("m2-sync").baselines());
        assertEquals(List.of(), Workloads.named("m1-inserts").baselines());
    }
}
