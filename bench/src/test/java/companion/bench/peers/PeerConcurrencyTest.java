package companion.bench.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import companion.api.Durability;
import companion.api.KeyValueStore;
import companion.bench.engine.Engine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Several threads on one store: every acknowledged put is readable afterwards, and after a reopen. Readers run
 * beside the writers, so an engine whose reads and writes cannot share a store would fail here too.
 */
class PeerConcurrencyTest {
    private static final int WRITERS = 4;
    private static final int PUTS_EACH = 500;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("companion.bench.peers.PeerEngines#honoured")
    void fourWritersOfDistinctKeysLoseNothing(Engine engine, Durability durability) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 1);
        try (KeyValueStore store = engine.open(dir, durability)) {
            store.put("shared", "initial");
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < PUTS_EACH; i++) {
                        store.put(key(writer, i), value(writer, i));
                    }
                    return null;
                }));
            }
            Future<Integer> reader = pool.submit(() -> {
                start.await();
                int reads = 0;
                while (!allDone(writers)) {
                    assertEquals(Optional.of("initial"), store.get("shared"), "a key nobody writes, read meanwhile");
                    store.get(key(reads % WRITERS, reads % PUTS_EACH)); // present or not yet: either is fine
                    reads++;
                }
                return reads;
            });
            start.countDown();
            for (Future<?> writer : writers) {
                writer.get();
            }
            reader.get();
            assertAllThere(store, "before close");
        } finally {
            pool.shutdownNow();
        }
        try (KeyValueStore store = engine.open(dir, durability)) {
            assertAllThere(store, "after reopen");
        }
    }

    private static boolean allDone(List<Future<?>> futures) throws ExecutionException, InterruptedException {
        for (Future<?> future : futures) {
            if (!future.isDone()) {
                return false;
            }
        }
        for (Future<?> future : futures) {
            future.get(); // a writer's failure surfaces here rather than as an endless read loop
        }
        return true;
    }

    private static void assertAllThere(KeyValueStore store, String when) {
        for (int w = 0; w < WRITERS; w++) {
            for (int i = 0; i < PUTS_EACH; i++) {
                assertEquals(Optional.of(value(w, i)), store.get(key(w, i)), key(w, i) + " " + when);
            }
        }
    }

    private static String key(int writer, int i) {
        return "w" + writer + "-k" + i;
    }

    private static String value(int writer, int i) {
        return "value " + i + " from writer " + writer;
    }
}
