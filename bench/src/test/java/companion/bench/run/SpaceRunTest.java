package companion.bench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import companion.api.Durability;
import companion.api.KeyValueStore;
import companion.bench.baseline.HashMapBaseline;
import companion.bench.engine.Compactable;
import companion.bench.engine.Engine;
import companion.bench.engine.EngineSettings;
import companion.bench.engine.StorageEngineAdapter;
import companion.bench.peers.RocksDbEngine;
import companion.bench.workload.Keys;
import companion.bench.workload.Workload;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The space workload counts live bytes from its own model, names the compaction it called, and checks the data. */
class SpaceRunTest {
    private static final int N = 2_000;
    private static final long BUDGET = 60_000_000_000L;

    @TempDir
    Path scratch;

    private final Keys keys = Keys.generate(N, 16, 100, 42);
    private final int[] order = Keys.visitOrder(Workload.Order.PERMUTATION, N, 42);

    @Test
    void referenceIsCompactedWithItsCompactMethodAndLiveBytesAreKeysPlusValues() {
        SpaceRun.Outcome outcome = run(new StorageEngineAdapter("reference"));
        SpaceUse space = outcome.space();
        assertEquals("compact()", space.compaction());
        assertEquals(N * 9 / 10, space.liveKeys(), "90% overwritten, the rest deleted");
        assertEquals(2L * N, space.writes(), "a fill, then one overwrite or delete per key");
        assertEquals((long) space.liveKeys() * (16 + 100), space.liveBytes());
        assertTrue(space.fileBytes() > 0 && space.files() >= 1, space.toString());
        assertEquals((double) space.fileBytes() / space.liveBytes(), space.ratio(), 1e-12);
        assertNull(outcome.measurement().stopped());
    }

    @Test
    void rocksDbIsCompactedWithCompactRange() {
        assertEquals("compactRange()", run(new RocksDbEngine()).space().compaction());
    }

    @Test
    void anEngineWithoutACompactionCallIsMeasuredAsItIsAndMarkedNotAvailable() {
        SpaceUse space = run(new HashMapBaseline()).space();
        assertEquals(SpaceUse.NOT_AVAILABLE, space.compaction());
        assertEquals(0, space.fileBytes(), "an in-memory map has no files");
        assertEquals(0.0, space.compactMillis());
    }

    @Test
    void aCompactionThatLosesDataHasNoSpaceFigure() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> run(new Forgetful()));
        assertTrue(e.getMessage().contains("lost or resurrected"), e.getMessage());
    }

    @Test
    void aFillOverTheBudgetIsReportedAsStopped() {
        SpaceRun.Outcome outcome = SpaceRun.run(new WorkloadRunner(new HashMapBaseline(), Durability.NONE, scratch),
                keys, order, -1);
        assertTrue(outcome.measurement().stopped().contains("over the 0 s budget"), outcome.measurement().stopped());
        assertNull(outcome.space());
    }

    private SpaceRun.Outcome run(Engine engine) {
        return SpaceRun.run(new WorkloadRunner(engine, Durability.NONE, scratch), keys, order, BUDGET);
    }

    /** A store whose compaction forgets everything: the kind of bug the read-back must catch. */
    private static final class Forgetful implements Engine {
        @Override
        public String name() {
            return "forgetful";
        }

        @Override
        public EngineSettings settings(Durability durability) {
            return EngineSettings.honoured(name(), durability.word(), Map.of());
        }

        @Override
        public KeyValueStore open(Path dir, Durability durability) {
            KeyValueStore map = new HashMapBaseline().open(dir, durability);
            return new Store(map);
        }

        private record Store(KeyValueStore map) implements KeyValueStore, Compactable {
            @Override
            public Optional<String> get(String key) {
                return map.get(key);
            }

            @Override
            public void put(String key, String value) {
                map.put(key, value);
            }

            @Override
            public void delete(String key) {
                map.delete(key);
            }

            @Override
            public void close() {
                map.close();
            }

            @Override
            public Optional<String> compaction() {
                return Optional.of("forget()");
            }

            @Override
            public void compact() {
                for (int i = 0; i < N; i++) {
                    map.delete(String.format("%016d", i));
                }
            }
        }
    }
}
