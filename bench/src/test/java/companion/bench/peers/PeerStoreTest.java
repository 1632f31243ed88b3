package companion.bench.peers;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import companion.api.Durability;
import companion.api.KeyValueStore;
import companion.bench.engine.Engine;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every peer at every durability it honours keeps the {@link KeyValueStore} contract, across a reopen too. */
class PeerStoreTest {
    private static final String ENGINES = "companion.bench.peers.PeerEngines#honoured";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource(ENGINES)
    void putGetOverwriteDeleteAndMissingKey(Engine engine, Durability durability) {
        try (KeyValueStore store = engine.open(dir, durability)) {
            assertEquals(Optional.empty(), store.get("user:1"), "missing before any put");
            store.put("user:1", "alice");
            assertEquals(Optional.of("alice"), store.get("user:1"));
            store.put("user:1", "bob");
            assertEquals(Optional.of("bob"), store.get("user:1"), "overwrite");
            store.put("user:2", "carol");
            store.delete("user:1");
            assertEquals(Optional.empty(), store.get("user:1"), "after delete");
            assertEquals(Optional.of("carol"), store.get("user:2"), "a neighbour survives the delete");
            assertDoesNotThrow(() -> store.delete("never-stored"), "deleting a missing key is not an error");
            store.put("user:1", "dave");
            assertEquals(Optional.of("dave"), store.get("user:1"), "put after delete");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource(ENGINES)
    void newlinesUnicodeAndEmptyValuesRoundTrip(Engine engine, Durability durability) {
        String value = "line one\nline two\r\n\ttabbed: ключ, 鍵, κλειδί, 🔑 (outside the BMP)\u0000end";
        try (KeyValueStore store = engine.open(dir, durability)) {
            store.put("multi\nline ключ 🔑", value);
            store.put("empty", "");
            assertEquals(Optional.of(value), store.get("multi\nline ключ 🔑"));
            assertEquals(Optional.of(""), store.get("empty"), "an empty value is a value, not a missing key");
        }
        try (KeyValueStore store = engine.open(dir, durability)) {
            assertEquals(Optional.of(value), store.get("multi\nline ключ 🔑"), "after reopen");
            assertEquals(Optional.of(""), store.get("empty"), "after reopen");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource(ENGINES)
    void aOneMebibyteValueRoundTrips(Engine engine, Durability durability) {
        String big = "0123456789abcdef".repeat(1 << 16);
        try (KeyValueStore store = engine.open(dir, durability)) {
            store.put("big", big);
            assertEquals(Optional.of(big), store.get("big"));
        }
        try (KeyValueStore store = engine.open(dir, durability)) {
            assertEquals(Optional.of(big), store.get("big"), "after reopen");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource(ENGINES)
    void aThousandKeysAreAllBackAfterCloseAndReopen(Engine engine, Durability durability) {
        try (KeyValueStore store = engine.open(dir, durability)) {
            for (int i = 0; i < 1000; i++) {
                store.put("key-" + i, "value-" + i);
            }
            for (int i = 0; i < 1000; i += 3) {
                store.put("key-" + i, "overwritten-" + i);
            }
            for (int i = 1; i < 1000; i += 7) {
                store.delete("key-" + i);
            }
        }
        try (KeyValueStore store = engine.open(dir, durability)) {
            for (int i = 0; i < 1000; i++) {
                assertEquals(Optional.ofNullable(expected(i)), store.get("key-" + i), "key-" + i + " after reopen");
            }
        }
    }

    private static String expected(int i) {
        if (i % 7 == 1) {
            return null;
        }
        return (i % 3 == 0 ? "overwritten-" : "value-") + i;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource(ENGINES)
    void nullsAreRefusedAndAClosedStoreSaysSo(Engine engine, Durability durability) {
        KeyValueStore store = engine.open(dir, durability);
        assertThrows(NullPointerException.class, () -> store.get(null));
        assertThrows(NullPointerException.class, () -> store.put(null, "v"));
        assertThrows(NullPointerException.class, () -> store.put("k", null));
        assertThrows(NullPointerException.class, () -> store.delete(null));
        store.put("k", "v");
        store.close();
        assertDoesNotThrow(store::close, "closing twice is harmless");
        assertThrows(IllegalStateException.class, () -> store.get("k"));
        assertThrows(IllegalStateException.class, () -> store.put("k", "v"));
        assertThrows(IllegalStateException.class, () -> store.delete("k"));
        try (KeyValueStore again = engine.open(dir, durability)) {
            assertEquals(Optional.of("v"), again.get("k"), "close released the files: the directory reopens");
        }
    }
}
