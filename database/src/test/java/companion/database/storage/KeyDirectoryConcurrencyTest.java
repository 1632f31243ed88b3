package companion.database.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import companion.database.storage.wal.Operation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Readers without a lock against one writer that grows the table (rehashes), moves keys between put records and
 * batch operations (a new slot, then a tombstone), and deletes others: a live key is never missed, and a get never
 * returns another key's value.
 */
class KeyDirectoryConcurrencyTest {
    private static final int STABLE = 200;
    private static final int WRITES = 60_000;

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void readersNeverMissALiveKeyWhileTheWriterGrowsAndRewritesTheTable() throws InterruptedException {
        MemoryLog log = new MemoryLog();
        KeyDirectory keys = new KeyDirectory();
        for (int k = 0; k < STABLE; k++) {
            putRecord(log, keys, "stable" + k, 0);
        }
        AtomicBoolean done = new AtomicBoolean();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            int first = r;
            readers.add(new Thread(() -> {
                for (int i = first; !done.get() && failures.size() < 10; i++) {
                    String key = "stable" + i % STABLE;
                    Optional<byte[]> value = keys.get(log, bytes(key));
                    if (value.isEmpty()) {
                        failures.add(key + " was missing");
                    } else if (!new String(value.get(), StandardCharsets.UTF_8).startsWith(key + "=")) {
                        failures.add(key + " read " + new String(value.get(), StandardCharsets.UTF_8));
                    }
                }
            }, "reader-" + r));
        }
        readers.forEach(Thread::start);
        int removed = 0;
        try {
            for (int i = 1; i <= WRITES; i++) {
                String stable = "stable" + i % STABLE;
                if (i % 2 == 0) {
                    putRecord(log, keys, stable, i);
                } else { // the key as the second operation of a batch: its slot's number changes
                    long batch = log.append(new Operation.Put(bytes("other" + i), bytes("other" + i + "=x")),
                            new Operation.Put(bytes(stable), bytes(stable + "=" + i)));
                    keys.put(log, bytes("other" + i), batch, 1, MemoryLog.size(batch));
                    keys.put(log, bytes(stable), batch, 2, MemoryLog.size(batch));
                }
                if (i % 2 == 1 && i % 3 == 0) {
                    keys.remove(log, bytes("other" + (i - 2))); // tombstones, and rehashes that drop them
                    removed++;
                }
            }
        } finally {
            done.set(true);
            for (Thread reader : readers) {
                reader.join();
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertEquals(STABLE + WRITES / 2 - removed, keys.size());
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aKeyWhoseSlotIsReplacedOnEveryWriteIsNeverMissed() throws InterruptedException {
        MemoryLog log = new MemoryLog();
        KeyDirectory keys = new KeyDirectory();
        putRecord(log, keys, "hot", 0);
        AtomicBoolean done = new AtomicBoolean();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        Thread reader = new Thread(() -> {
            while (!done.get() && failures.isEmpty()) {
                if (keys.get(log, bytes("hot")).isEmpty()) {
                    failures.add("hot was missing: its new slot must exist before its old one is buried");
                }
            }
        }, "reader");
        reader.start();
        try {
            for (int i = 1; i <= 4 * WRITES && failures.isEmpty(); i++) {
                if (i % 2 == 0) {
                    putRecord(log, keys, "hot", i); // operation 1 of a put record
                } else { // operation 2 of a batch: every write changes the number, so the slot is replaced
                    long batch = log.append(new Operation.Delete(bytes("cold")),
                            new Operation.Put(bytes("hot"), bytes("hot=" + i)));
                    keys.put(log, bytes("hot"), batch, 2, MemoryLog.size(batch));
                }
            }
        } finally {
            done.set(true);
            reader.join();
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertEquals(1, keys.size());
    }

    private static void putRecord(MemoryLog log, KeyDirectory keys, String key, int version) {
        long address = log.append(new Operation.Put(bytes(key), bytes(key + "=" + version)));
        keys.put(log, bytes(key), address, 1, MemoryLog.size(address));
    }
}
