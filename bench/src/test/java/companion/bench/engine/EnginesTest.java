package companion.bench.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which store "reference" and "yours" are depends on the milestone; baselines are never peers. */
class EnginesTest {

    @Test
    void referenceIsMilestoneOnesStoreAtMilestoneOneAndTheStorageEngineFromTwo() {
        assertInstanceOf(CourseEngine.class, Engines.named("reference", 1));
        assertInstanceOf(StorageEngineAdapter.class, Engines.named("reference", 2));
        assertEquals("reference", Engines.named("reference", 2).name());
        assertEquals("yours", Engines.named("yours", 2).name());
        assertEquals("reference-m2", Engines.named("reference-m2", 1).name());
    }

    @Test
    void baselinesAreKnownButAreNotPeers() {
        assertTrue(Engines.isBaseline("hashmap") && Engines.isBaseline("fdatasync"));
        assertEquals(List.of("rocksdb", "lmdb", "h2", "sqlite", "mapdb"), Engines.peers());
        assertEquals("fdatasync", Engines.named("fdatasync").name());
    }
}
