package companion.bench.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import companion.api.Durability;
import companion.api.KeyValueStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two baselines do what their names say, and refuse the durabilities no target compares them at. */
class BaselinesTest {
    @TempDir
    Path dir;

    @Test
    void hashMapStoresByKeyContentsNotByArrayIdentity() {
        try (KeyValueStore map = new HashMapBaseline().open(dir, Durability.NONE)) {
            map.put("0000000000000001", "one");
            map.put(new String("0000000000000001"), "uno"); // an equal key, another String and another array
            assertEquals(Optional.of("uno"), map.get("0000000000000001"));
            map.delete("0000000000000001");
            assertEquals(Optional.empty(), map.get("0000000000000001"));
        }
    }

    @Test
    void hashMapRunsAtNoneOnlyAndSaysItIsWeakerThanNone() {
        HashMapBaseline map = new HashMapBaseline();
        assertTrue(map.settings(Durability.NONE).describe().contains("weaker than none"));
        assertFalse(map.settings(Durability.SYNC).honoured());
        assertFalse(map.settings(Durability.GROUP).honoured());
        assertThrows(IllegalArgumentException.class, () -> map.open(dir, Durability.SYNC));
    }

    @Test
    void closedHashMapRefusesCalls() {
        KeyValueStore map = new HashMapBaseline().open(dir, Durability.NONE);
        map.close();
        assertThrows(IllegalStateException.class, () -> map.get("k"));
    }

    @Test
    void fdatasyncRunsAtSyncOnly() {
        FdatasyncBaseline log = new FdatasyncBaseline();
        assertTrue(log.settings(Durability.SYNC).honoured());
        assertFalse(log.settings(Durability.NONE).honoured());
        assertFalse(log.settings(Durability.GROUP).honoured());
        assertThrows(IllegalArgumentException.class, () -> log.open(dir, Durability.NONE));
    }

    @Test
    void fdatasyncAppendsRecordsTheSizeOfTheReferencesIntoAPreallocatedFile() throws IOException {
        String key = "0000000000000007";
        String value = "v".repeat(100);
        try (KeyValueStore log = new FdatasyncBaseline().open(dir, Durability.SYNC)) {
            Path file = onlyFile();
            assertEquals(FdatasyncBaseline.FILE_BYTES, Files.size(file), "preallocated before the first append");
            log.put(key, value);
            log.put(key, value);
            assertEquals(FdatasyncBaseline.FILE_BYTES, Files.size(file), "an append never changes the size");
            ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file));
            int record = 25 + 16 + 100; // the reference's put record: docs/formats/wal.md
            assertEquals(0, bytes.getInt(0), "no checksum");
            assertEquals(record - 8, bytes.getInt(4), "length counts sequence, type and payload");
            assertEquals(1L, bytes.getLong(8));
            assertEquals(2L, bytes.getLong(record + 8), "the second record starts right after the first");
            byte[] stored = new byte[16];
            bytes.get(4 + 4 + 8 + 1 + 4, stored);
            assertArrayEquals(key.getBytes(StandardCharsets.UTF_8), stored);
            assertEquals(0, bytes.getInt(2 * record), "zeros after the last record");
            assertThrows(UnsupportedOperationException.class, () -> log.get(key));
        }
    }

    private Path onlyFile() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> all = files.toList();
            assertEquals(1, all.size(), all.toString());
            return all.get(0);
        }
    }
}
