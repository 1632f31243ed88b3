package companion.database.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import companion.api.Durability;
import companion.database.storage.io.FaultInjectingDirectory;
import companion.database.storage.wal.LogOptions;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CompactionTest {
    private static final LogOptions SMALL_SEGMENTS = LogOptions.of(Durability.NONE).withSegmentSize(4096);

    private static byte[] b(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Optional<String> text(Optional<byte[]> value) {
        return value.map(v -> new String(v, StandardCharsets.UTF_8));
    }

    @Test
    void reclaimsTheSegmentsOfOverwrittenAndDeletedValuesAndKeepsTheLatest() {
        FaultInjectingDirectory disk = new FaultInjectingDirectory();
        try (LogStructuredStore store = LogStructuredStore.open(disk, SMALL_SEGMENTS)) {
            for (int round = 0; round < 200; round++) {
                for (int k = 0; k < 10; k++) {
                    store.put(b("key" + k), b("round " + round));
                }
                store.delete(b("gone"));
                store.put(b("gone"), b("x"));
                store.delete(b("gone"));
            }
            // 2,600 records (~90 KB) would fill ~22 segments of 4 KiB; the background trigger has been compacting
            // all along, and one more compaction leaves the live data (10 keys) in at most two segments.
            store.compact();
            assertTrue(disk.list().size() <= 2, disk.list().size() + " segments after compaction: " + disk.list());
            assertEquals(Optional.of("round 199"), text(store.get(b("key7"))));
            assertEquals(Optional.empty(), store.get(b("gone")));
        }
        try (LogStructuredStore reopened = LogStructuredStore.open(disk, SMALL_SEGMENTS)) {
            assertEquals(Optional.of("round 199"), text(reopened.get(b("key3"))));
            assertEquals(Optional.empty(), reopened.get(b("gone")), "a deleted key stays deleted after compaction");
            assertEquals(10, reopened.size());
        }
    }

    @Test
    void readsAndWritesContinueDuringCompaction() throws InterruptedException {
        FaultInjectingDirectory disk = new FaultInjectingDirectory();
        try (LogStructuredStore store = LogStructuredStore.open(disk, SMALL_SEGMENTS)) {
            for (int i = 0; i < 2_000; i++) {
                store.put(b("key" + (i % 50)), b("v" + i));
            }
            AtomicBoolean stop = new AtomicBoolean();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread reader = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        for (int k = 0; k < 50; k++) {
                            if (store.get(b("key" + k)).isEmpty()) {
                                throw new AssertionError("key" + k + " vanished during compaction");
                            }
                        }
                    }
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
            reader.start();
            for (int pass = 0; pass < 5; pass++) {
                store.compact();
                store.put(b("key0"), b("written between compactions " + pass));
            }
            stop.set(true);
            reader.join();
            assertEquals(null, failure.get());
            assertEquals(Optional.of("written between compactions 4"), text(store.get(b("key0"))));
        }
    }

    @Test
    void aPowerCutDuringCompactionLosesNothing() {
        // Cut the power at each fsync compaction makes (the copies' sync, then each segment deletion's directory
        // sync), and check that the store opens with every value intact.
        for (int cutAt = 1; cutAt <= 40; cutAt++) {
            FaultInjectingDirectory disk = new FaultInjectingDirectory();
            LogOptions sync = LogOptions.of(Durability.SYNC).withSegmentSize(4096);
            LogStructuredStore store = LogStructuredStore.open(disk, sync);
            for (int i = 0; i < 300; i++) {
                store.put(b("key" + (i % 20)), b("v" + i));
            }
            int[] forces = {0};
            int cut = cutAt;
            disk.beforeEachForce(name -> {
                if (++forces[0] == cut) {
                    throw new IllegalStateException("power cut");
                }
            });
            try {
                store.compact();
            } catch (RuntimeException expected) {
                // the cut
            }
            disk.beforeEachForce(name -> { });
            disk.crash();
            try (LogStructuredStore reopened = LogStructuredStore.open(disk, sync)) {
                for (int k = 0; k < 20; k++) {
                    assertEquals(Optional.of("v" + (280 + k)), text(reopened.get(b("key" + k))),
                            "key" + k + " after a cut at force " + cutAt);
                }
            }
        }
    }
}
