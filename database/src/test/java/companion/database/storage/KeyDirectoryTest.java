package companion.database.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import companion.api.StorageException;
import companion.database.storage.wal.LogReader;
import companion.database.storage.wal.Operation;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class KeyDirectoryTest {
    private final MemoryLog log = new MemoryLog();
    private final KeyDirectory keys = new KeyDirectory();

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Appends a put record of {@code key} and points the directory at it, as the store does. */
    private long put(String key, String value) {
        long address = log.append(new Operation.Put(bytes(key), bytes(value)));
        keys.put(log, bytes(key), address, 1, MemoryLog.size(address));
        return address;
    }

    private Optional<String> get(String key) {
        return keys.get(log, bytes(key)).map(v -> new String(v, StandardCharsets.UTF_8));
    }

    @Test
    void aKeyReadsItsLatestValueAndIsGoneAfterRemove() {
        long first = put("a", "1");
        long second = put("a", "2");
        assertEquals(Optional.of("2"), get("a"));
        assertEquals(1, keys.size());
        assertEquals(MemoryLog.size(second), keys.liveBytes(), "only the newer record is live");
        keys.remove(log, bytes("a"));
        assertEquals(Optional.empty(), get("a"));
        assertEquals(0, keys.size());
        assertEquals(0, keys.liveBytes());
        assertTrue(first < second);
    }

    @Test
    void removingAnAbsentKeyChangesNothing() {
        put("a", "1");
        keys.remove(log, bytes("b"));
        assertEquals(Optional.of("1"), get("a"));
        assertEquals(1, keys.size());
    }

    @Test
    void keysOfABatchPointAtTheirOwnOperationInTheOneRecord() {
        long batch = log.append(new Operation.Put(bytes("x"), bytes("1")), new Operation.Put(bytes("y"), bytes("2")),
                new Operation.Put(bytes("x"), bytes("3")));
        keys.put(log, bytes("x"), batch, 1, MemoryLog.size(batch));
        keys.put(log, bytes("y"), batch, 2, MemoryLog.size(batch));
        keys.put(log, bytes("x"), batch, 3, MemoryLog.size(batch)); // the key's second write in the batch wins
        assertEquals(Optional.of("3"), get("x"));
        assertEquals(Optional.of("2"), get("y"));
        assertEquals(2, keys.size());
        assertEquals(2L * MemoryLog.size(batch), keys.liveBytes(), "a batch counts once per key it holds");
        put("x", "4"); // from operation 3 of a batch to operation 1 of a put: a new slot, the old one buried
        assertEquals(Optional.of("4"), get("x"));
        assertEquals(Optional.of("2"), get("y"));
    }

    @Test
    void keysWhoseHashesCollideAreToldApartByTheKeyInTheLog() {
        String[] twins = collidingKeys();
        put(twins[0], "first");
        put(twins[1], "second");
        assertEquals(Optional.of("first"), get(twins[0]));
        assertEquals(Optional.of("second"), get(twins[1]));
        keys.remove(log, bytes(twins[0]));
        assertEquals(Optional.empty(), get(twins[0]));
        assertEquals(Optional.of("second"), get(twins[1]), "the tombstone keeps the probe path whole");
        put(twins[1], "again");
        assertEquals(Optional.of("again"), get(twins[1]));
        assertEquals(1, keys.size());
    }

    @Test
    void aGetReadsOneRecordWhenNoHashCollides() {
        for (int i = 0; i < 1000; i++) {
            put("key" + i, "v" + i);
        }
        log.reads.set(0);
        for (int i = 0; i < 1000; i++) {
            assertEquals(Optional.of("v" + i), get("key" + i));
        }
        assertEquals(1000, log.reads.get(), "a tag that matches only the key's own slot: one read per get");
    }

    @Test
    void growingKeepsEveryKeyAndDropsTombstones() {
        Map<String, String> model = new HashMap<>();
        for (int i = 0; i < 5000; i++) {
            put("k" + i, "v" + i);
            model.put("k" + i, "v" + i);
            if (i % 3 == 0) {
                keys.remove(log, bytes("k" + (i / 2)));
                model.remove("k" + (i / 2));
            }
        }
        for (int i = 0; i < 5000; i++) {
            assertEquals(Optional.ofNullable(model.get("k" + i)), get("k" + i), "k" + i);
        }
        assertEquals(model.size(), keys.size());
        assertEquals(model.keySet(), keys.entries(log, new byte[0]).stream()
                .map(e -> new String(e.key(), StandardCharsets.UTF_8)).collect(Collectors.toSet()));
    }

    @Test
    void moveIfCurrentMovesOnlyAKeyStillWhereCompactionFoundIt() {
        long original = put("a", "1");
        long copy = log.append(new Operation.Put(bytes("a"), bytes("1")));
        assertTrue(keys.isAt(bytes("a"), original, 1));
        assertFalse(keys.isAt(bytes("a"), original, 2), "another operation of that record");
        assertTrue(keys.moveIfCurrent(log, bytes("a"), original, 1, copy, MemoryLog.size(copy)));
        assertFalse(keys.isAt(bytes("a"), original, 1));
        long written = put("a", "2"); // a write after the snapshot
        long late = log.append(new Operation.Put(bytes("a"), bytes("1")));
        assertFalse(keys.moveIfCurrent(log, bytes("a"), copy, 1, late, MemoryLog.size(late)), "the write wins");
        assertEquals(Optional.of("2"), get("a"));
        assertEquals(MemoryLog.size(written), keys.liveBytes());
    }

    @Test
    void entriesWithAPrefixReadTheirKeysInTheLog() {
        put("user:1", "a");
        put("user:2", "b");
        put("order:1", "c");
        List<KeyDirectory.Entry> users = keys.entries(log, bytes("user:"));
        assertEquals(2, users.size());
        for (KeyDirectory.Entry user : users) {
            assertArrayEquals(log.keyAt(user.address(), user.number()), user.key());
        }
        assertEquals(3, keys.entries(log, new byte[0]).size());
    }

    @Test
    void aGetWhoseRecordIsGoneWhileItsSlotStillPointsThereIsAnError() {
        long original = put("a", "1");
        log.delete(original); // nothing moved the key: a real failure, not a race with compaction
        assertThrows(StorageException.class, () -> get("a"));
    }

    @Test
    void aGetThatLosesTheRaceWithCompactionLooksAgainWhereTheKeyIsNow() {
        long original = put("a", "1");
        long copy = log.append(new Operation.Put(bytes("a"), bytes("1")));
        // Between the get's read of the slot and its read of the record, compaction moves the key and deletes the
        // old record's segment.
        LogReader racing = new LogReader() {
            private boolean raced;

            @Override
            public Optional<byte[]> valueAt(long address, int number, byte[] key) {
                if (!raced) {
                    raced = true;
                    assertTrue(keys.moveIfCurrent(log, key, original, 1, copy, MemoryLog.size(copy)));
                    log.delete(original);
                }
                return log.valueAt(address, number, key);
            }

            @Override
            public byte[] keyAt(long address, int number) {
                return log.keyAt(address, number);
            }

            @Override
            public int sizeAt(long address) {
                return log.sizeAt(address);
            }
        };
        assertArrayEquals(bytes("1"), keys.get(racing, bytes("a")).orElseThrow());
    }

    /**
     * Two distinct keys with the same 32-bit hash. The finaliser is a bijection, so they are keys whose
     * {@code Arrays.hashCode} collides: 31 * 'A' + 'a' == 31 * 'B' + 'B', as for Java strings.
     */
    static String[] collidingKeys() {
        String[] twins = {"Aa", "BB"};
        assertEquals(KeyDirectory.hash(bytes(twins[0])), KeyDirectory.hash(bytes(twins[1])));
        return twins;
    }
}
