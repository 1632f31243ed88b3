package companion.bench.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import companion.api.StorageException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The shared wrapper on a fake engine: errors carry the engine's name, and close never overlaps a call. */
class GuardedStoreTest {
    private static final Path DIR = Path.of("/data/fake");

    @Test
    void anEngineFailureNamesTheEngineTheOperationAndTheDirectory() {
        SQLException cause = new SQLException("disk I/O error");
        GuardedStore store = new GuardedStore("fake", DIR, new Fake() {
            @Override
            public void put(String key, String value) throws SQLException {
                throw cause;
            }
        });
        StorageException e = assertThrows(StorageException.class, () -> store.put("k", "v"));
        assertTrue(e.getMessage().startsWith("fake: put failed in " + DIR), e.getMessage());
        assertTrue(e.getMessage().contains("disk I/O error"), e.getMessage());
        assertSame(cause, e.getCause().getCause(), "the engine's own exception is kept");
    }

    @Test
    void aCallersMistakeReportedByTheEnginePassesUnchanged() {
        IllegalArgumentException refused = new IllegalArgumentException("key too long");
        GuardedStore store = new GuardedStore("fake", DIR, new Fake() {
            @Override
            public String get(String key) {
                throw refused;
            }
        });
        assertSame(refused, assertThrows(IllegalArgumentException.class, () -> store.get("k")));
    }

    @Test
    void closeWaitsForCallsInProgressAndClosesTheEngineOnce() throws Exception {
        AtomicInteger inside = new AtomicInteger();
        AtomicBoolean overlapped = new AtomicBoolean();
        AtomicInteger closes = new AtomicInteger();
        CountDownLatch someCallsRan = new CountDownLatch(1000);
        GuardedStore store = new GuardedStore("fake", DIR, new Fake() {
            @Override
            public String get(String key) {
                inside.incrementAndGet();
                someCallsRan.countDown();
                Thread.onSpinWait();
                inside.decrementAndGet();
                return null;
            }

            @Override
            public void close() {
                overlapped.compareAndSet(false, inside.get() != 0);
                closes.incrementAndGet();
            }
        });
        List<Thread> readers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread reader = new Thread(() -> {
                try {
                    while (true) {
                        store.get("k");
                    }
                } catch (IllegalStateException closed) {
                    // the store closed under this reader: the expected way out
                }
            });
            reader.start();
            readers.add(reader);
        }
        someCallsRan.await();
        store.close();
        store.close();
        for (Thread reader : readers) {
            reader.join();
        }
        assertFalse(overlapped.get(), "the engine was closed while a call was inside it");
        assertEquals(1, closes.get(), "closed exactly once");
    }

    /** An engine on a map in memory; each test overrides what it needs. */
    private static class Fake implements GuardedStore.Backend {
        private final ConcurrentHashMap<String, String> map = new ConcurrentHashMap<>();

        @Override
        public String get(String key) throws Exception {
            return map.get(key);
        }

        @Override
        public void put(String key, String value) throws Exception {
            map.put(key, value);
        }

        @Override
        public void delete(String key) throws Exception {
            map.remove(key);
        }

        @Override
        public void close() throws Exception {
        }
    }
}
