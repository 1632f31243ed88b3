package companion.database.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import companion.database.storage.wal.LogPosition;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeyDirectoryTest {
    private static ByteKey key(String text) {
        return ByteKey.copyOf(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void keepsTheLocationWithTheLargerSequenceWhateverTheOrderOfArrival() {
        KeyDirectory keydir = new KeyDirectory();
        LogPosition newer = new LogPosition(20, 2, 0, 30);
        LogPosition older = new LogPosition(10, 1, 100, 40);
        keydir.put(key("a"), newer);
        keydir.put(key("a"), older); // replaying an older segment after a newer one
        assertEquals(Optional.of(newer), keydir.get(key("a")));
        assertEquals(30, keydir.liveBytes(), "only the newer record is live");
    }

    @Test
    void aDeleteRemovesTheKeyAndItsLiveBytes() {
        KeyDirectory keydir = new KeyDirectory();
        keydir.put(key("a"), new LogPosition(1, 1, 0, 30));
        keydir.remove(key("a"), 2);
        assertEquals(Optional.empty(), keydir.get(key("a")));
        assertEquals(0, keydir.liveBytes());
    }

    @Test
    void anOlderDeleteDoesNotRemoveANewerPut() {
        KeyDirectory keydir = new KeyDirectory();
        LogPosition put = new LogPosition(5, 2, 0, 30);
        keydir.put(key("a"), put);
        keydir.remove(key("a"), 2); // sequence 2 < the put's 5
        assertEquals(Optional.of(put), keydir.get(key("a")));
    }

    @Test
    void compactionMovesAKeyOnlyIfNoWriteArrivedMeanwhile() {
        KeyDirectory keydir = new KeyDirectory();
        LogPosition original = new LogPosition(1, 1, 0, 30);
        keydir.put(key("a"), original);
        assertTrue(keydir.moveIfCurrent(key("a"), original, new LogPosition(9, 9, 0, 30)));
        LogPosition written = new LogPosition(10, 10, 0, 30);
        keydir.put(key("a"), written);
        assertFalse(keydir.moveIfCurrent(key("a"), new LogPosition(9, 9, 0, 30), new LogPosition(11, 11, 0, 30)));
        assertEquals(Optional.of(written), keydir.get(key("a")));
    }

    @Test
    void findsKeysByPrefix() {
        KeyDirectory keydir = new KeyDirectory();
        keydir.put(key("user:1"), new LogPosition(1, 1, 0, 20));
        keydir.put(key("user:2"), new LogPosition(2, 2, 0, 20));
        keydir.put(key("order:1"), new LogPosition(3, 1, 20, 20));
        assertEquals(2, keydir.withPrefix("user:".getBytes(StandardCharsets.UTF_8)).size());
        assertEquals(3, keydir.all().size());
        assertEquals(3, keydir.size());
    }
}
