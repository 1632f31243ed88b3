package companion.bench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import companion.api.Durability;
import companion.api.KeyValueStore;
import companion.bench.baseline.HashMapBaseline;
import companion.bench.engine.Engine;
import companion.bench.engine.EngineSettings;
import companion.bench.workload.Keys;
import companion.bench.workload.Workload;
import companion.bench.workload.Workloads;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs taken in turns: in order, then reversed; the fsyncs counted only in the last warm-up; a failure stays in
 * its lane.
 */
class InterleavedRunsTest {
    private static final Keys KEYS = Keys.generate(50, 16, 100, 42);

    @TempDir
    Path scratch;

    private final List<String> opened = new ArrayList<>();

    @Test
    void roundsAlternateDirectionSoTheMiddleLaneIsAlwaysBesideBoth() {
        List<InterleavedRuns.Lane> lanes = List.of(lane("a", "m2-sync", "reference"), lane("b", "m2-sync", null),
                lane("c", "m2-group8", null));
        InterleavedRuns.run(lanes, KEYS, 1, 3, 60_000_000_000L);
        assertEquals(List.of("a", "b", "c", "c", "b", "a", "a", "b", "c", "c", "b", "a"), opened);
        for (InterleavedRuns.Lane lane : lanes) {
            assertEquals(3, lane.runs.size(), "measured runs only");
            assertTrue(lane.runs.stream().noneMatch(Measurement::countedForces), "a timed run counts nothing");
            assertTrue(lane.forceRun.countedForces(), "the warm-up counted them");
        }
    }

    @Test
    void withoutAWarmUpNothingIsCounted() {
        InterleavedRuns.Lane lane = lane("b", "m2-sync", null);
        InterleavedRuns.run(List.of(lane), KEYS, 0, 2, 60_000_000_000L);
        assertEquals(2, lane.runs.size());
        assertNull(lane.forceRun);
    }

    @Test
    void aLaneThatFailsStopsAloneAndTheOthersGoOn() {
        InterleavedRuns.Lane broken = new InterleavedRuns.Lane("broken", new WorkloadRunner(failing(), Durability.NONE,
                scratch), Workloads.named("m2-sync"), null, 1, order(), null);
        InterleavedRuns.Lane fine = lane("b", "m2-sync", null);
        InterleavedRuns.run(List.of(broken, fine), KEYS, 1, 2, 60_000_000_000L);
        assertTrue(broken.failure instanceof IllegalStateException, String.valueOf(broken.failure));
        assertEquals(2, fine.runs.size());
    }

    @Test
    void aWorkloadJoinsTheOneItAlternatesWithWhicheverComesFirst() {
        assertEquals(List.of(List.of("m2-fillrandom"), List.of("m2-sync", "m2-group8"), List.of("m2-space")),
                names(BenchChild.alternating(List.of("m2-fillrandom", "m2-sync", "m2-group8", "m2-space"))));
        assertEquals(List.of(List.of("m2-group8", "m2-sync")),
                names(BenchChild.alternating(List.of("m2-group8", "m2-sync"))));
        assertEquals(List.of(List.of("m2-group8")), names(BenchChild.alternating(List.of("m2-group8"))));
    }

    private static List<List<String>> names(List<List<Workload>> groups) {
        return groups.stream().map(group -> group.stream().map(Workload::name).toList()).toList();
    }

    private InterleavedRuns.Lane lane(String name, String workload, String pairedWith) {
        return new InterleavedRuns.Lane(name, new WorkloadRunner(recording(name), Durability.NONE, scratch),
                Workloads.named(workload), null, 1, order(), pairedWith);
    }

    private static int[] order() {
        return Keys.visitOrder(Workload.Order.PERMUTATION, KEYS.size(), 42);
    }

    /** A HashMap store that notes its name each time a run opens it. */
    private Engine recording(String name) {
        HashMapBaseline inner = new HashMapBaseline();
        return new Engine() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public EngineSettings settings(Durability durability) {
                return inner.settings(durability);
            }

            @Override
            public KeyValueStore open(Path dir, Durability durability) {
                opened.add(name);
                return inner.open(dir, durability);
            }
        };
    }

    private static Engine failing() {
        HashMapBaseline inner = new HashMapBaseline();
        return new Engine() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public EngineSettings settings(Durability durability) {
                return inner.settings(durability);
            }

            @Override
            public KeyValueStore open(Path dir, Durability durability) {
                throw new IllegalStateException("cannot open");
            }
        };
    }
}
