package companion.database.kv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import companion.api.CorruptionException;
import companion.api.Durability;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KVStoreTest {
    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("data.kv");
    }

    @Test
    void readsBackWhatWasPutAfterReopen() {
        try (KVStore store = KVStore.open(file())) {
            store.put("user:1", "alice");
            store.put("user:2", "bob");
            store.put("user:1", "carol");
            store.delete("user:2");
        }
        try (KVStore store = KVStore.open(file())) {
            assertEquals(Optional.of("carol"), store.get("user:1"));
            assertEquals(Optional.empty(), store.get("user:2"));
        }
    }

    @Test
    void writesTheDocumentedBytes() throws IOException {
        try (KVStore store = KVStore.open(file())) {
            store.put("a", "hi");
            store.delete("a");
        }
        byte[] expected = {0x01, 0, 0, 0, 1, 'a', 0, 0, 0, 2, 'h', 'i', 0x02, 0, 0, 0, 1, 'a'};
        assertArrayEquals(expected, Files.readAllBytes(file()));
    }

    @Test
    void writeReachesTheFileBeforePutReturns() throws IOException {
        try (KVStore store = KVStore.open(file())) {
            store.put("k", "v");
            assertEquals(11, Files.size(file()), "one 11-byte record, without close");
        }
    }

    @Test
    void syncModeStillPersists() {
        try (KVStore store = KVStore.open(file(), Durability.SYNC)) {
            store.put("k", "v");
        }
        try (KVStore store = KVStore.open(file())) {
            assertEquals(Optional.of("v"), store.get("k"));
        }
    }

    @Test
    void refusesGroupDurabilityUntilMilestoneTwo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KVStore.open(file(), Durability.GROUP));
        assertTrue(e.getMessage().contains("milestone 2"), e.getMessage());
    }

    @Test
    void rejectsNullKeysAndValuesAsCallerMistakes() {
        try (KVStore store = KVStore.open(file())) {
            assertEquals("key is null", assertThrows(NullPointerException.class, () -> store.put(null, "v")).getMessage());
            assertEquals("value is null", assertThrows(NullPointerException.class, () -> store.put("k", null)).getMessage());
            assertThrows(NullPointerException.class, () -> store.get(null));
            assertThrows(NullPointerException.class, () -> store.delete(null));
        }
    }

    @Test
    void refusesAStringUtf8CannotHoldInsteadOfChangingIt() {
        try (KVStore store = KVStore.open(file())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> store.put("k", "x\uD800y"));
            assertEquals("value has an unpaired surrogate (\\ud800) at index 1: it is not Unicode text and cannot be"
                    + " stored", e.getMessage());
            assertEquals(Optional.empty(), store.get("k"), "a refused put changes nothing");
            store.put("pair", "😀");
            assertEquals(Optional.of("😀"), store.get("pair"));
        }
    }

    @Test
    void refusesUseAfterCloseAndClosesTwiceHarmlessly() {
        KVStore store = KVStore.open(file());
        store.close();
        store.close();
        assertThrows(IllegalStateException.class, () -> store.get("k"));
        assertThrows(IllegalStateException.class, () -> store.put("k", "v"));
    }

    @Test
    void reportsTornTailWithTheOffsetOfTheCutRecordAndKeepsTheFile() throws IOException {
        try (KVStore store = KVStore.open(file())) {
            store.put("a", "hi"); // bytes 0..11
            store.put("b", "yo"); // bytes 12..23
        }
        try (var channel = Files.newByteChannel(file(), StandardOpenOption.WRITE)) {
            channel.truncate(20); // cut the second record after 8 of its 12 bytes
        }
        CorruptionException e = assertThrows(CorruptionException.class, () -> KVStore.open(file()));
        assertEquals(12, e.offset());
        assertEquals(file(), e.file());
        assertTrue(e.getMessage().contains("byte offset 12"), e.getMessage());
        assertEquals(20, Files.size(file()), "opening must not repair or empty the file");
    }

    @Test
    void reportsTruncationInsideAStringLength() throws IOException {
        Files.write(file(), new byte[] {0x01, 0, 0});
        CorruptionException e = assertThrows(CorruptionException.class, () -> KVStore.open(file()));
        assertEquals(0, e.offset());
        assertTrue(e.getMessage().contains("ends in the middle"), e.getMessage());
    }

    @Test
    void reportsUnknownRecordTypeWithItsOffset() throws IOException {
        try (KVStore store = KVStore.open(file())) {
            store.put("a", "hi");
        }
        Files.write(file(), new byte[] {0x07, 0, 0, 0, 0}, StandardOpenOption.APPEND);
        CorruptionException e = assertThrows(CorruptionException.class, () -> KVStore.open(file()));
        assertEquals(12, e.offset());
        assertTrue(e.getMessage().contains("unknown record type 0x07"), e.getMessage());
    }

    @Test
    void reportsAnImpossibleLengthWithoutAllocatingIt() throws IOException {
        Files.write(file(), new byte[] {0x02, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff});
        CorruptionException e = assertThrows(CorruptionException.class, () -> KVStore.open(file()));
        assertEquals(0, e.offset());
        assertTrue(e.getMessage().contains("2147483647"), e.getMessage());
    }

    @Test
    void concurrentWritersLeaveAFileThatAgreesWithMemory() throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        try (KVStore store = KVStore.open(file())) {
            for (int t = 0; t < 8; t++) {
                int id = t;
                Thread thread = new Thread(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        store.put("k" + (i % 10), "t" + id + "-" + i);
                    }
                });
                thread.start();
                threads.add(thread);
            }
            for (Thread thread : threads) {
                thread.join();
            }
            List<Optional<String>> before = new ArrayList<>();
            for (int k = 0; k < 10; k++) {
                before.add(store.get("k" + k));
            }
            store.close();
            try (KVStore reopened = KVStore.open(file())) {
                for (int k = 0; k < 10; k++) {
                    assertEquals(before.get(k), reopened.get("k" + k), "key k" + k);
                }
            }
        }
    }
}
