package companion.bench.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import companion.api.Durability;
import companion.api.KeyValueStore;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LMDB holds keys of 1 to 511 bytes; the adapter says so plainly at the edges instead of failing deep inside. */
class LmdbKeyLimitsTest {

    @TempDir
    Path dir;

    @Test
    void keysFromOneTo511BytesAreStoredAndOthersAreRefused() {
        try (KeyValueStore store = new LmdbEngine().open(dir, Durability.NONE)) {
            String longest = "k".repeat(511);
            store.put(longest, "fits");
            store.put("x", "one byte");
            assertEquals(Optional.of("fits"), store.get(longest));
            assertEquals(Optional.of("one byte"), store.get("x"));

            String tooLong = "é".repeat(256); // 256 characters, 512 bytes of UTF-8
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.put(tooLong, "v"));
            assertTrue(e.getMessage().contains("512"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> store.get(tooLong));
            assertThrows(IllegalArgumentException.class, () -> store.put("", "v"));
            assertThrows(IllegalArgumentException.class, () -> store.delete(""));
            assertEquals(Optional.of("fits"), store.get(longest), "a refused key changes nothing");
        }
    }
}
