package companion.database.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import companion.api.CorruptionException;
import companion.api.Durability;
import companion.api.StorageEngine;
import companion.api.WriteBatch;
import companion.database.storage.io.FaultInjectingDirectory;
import companion.database.storage.wal.LogOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogStructuredStoreTest {
    /** The first segment's file: segments are named by their first sequence number. */
    private static final String FIRST_SEGMENT = "00000000000000000001.wal";

    @TempDir
    Path dir;

    private static byte[] b(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Optional<String> text(Optional<byte[]> value) {
        return value.map(v -> new String(v, StandardCharsets.UTF_8));
    }

    @Test
    void putGetOverwriteDeleteAndReopen() {
        try (LogStructuredStore store = LogStructuredStore.open(dir, Durability.NONE)) {
            store.put(b("a"), b("1"));
            store.put(b("b"), b("2"));
            store.put(b("a"), b("3"));
            store.delete(b("b"));
            store.put(b("empty"), new byte[0]);
            assertEquals(Optional.of("3"), text(store.get(b("a"))));
            assertEquals(Optional.empty(), store.get(b("b")));
        }
        try (LogStructuredStore store = LogStructuredStore.open(dir, Durability.NONE)) {
            assertEquals(Optional.of("3"), text(store.get(b("a"))));
            assertEquals(Optional.empty(), store.get(b("b")));
            assertArrayEquals(new byte[0], store.get(b("empty")).orElseThrow());
            assertEquals(2, store.size());
            assertTrue(store.recovery().clean(), store.recovery().toString());
        }
    }

    @Test
    void batchAppliesInOrderAndScansByPrefix() {
        try (LogStructuredStore store = LogStructuredStore.open(dir, Durability.SYNC)) {
            store.put(b("user:0"), b("old"));
            store.write(new WriteBatch().put(b("user:1"), b("x")).put(b("user:2"), b("y")).delete(b("user:0"))
                    .put(b("user:1"), b("z")).put(b("order:1"), b("o")));
            assertEquals(Optional.of("z"), text(store.get(b("user:1"))), "the batch's last write to a key wins");
            assertEquals(Optional.empty(), store.get(b("user:0")));
            List<StorageEngine.Entry> users = store.scan(b("user:"));
            assertEquals(2, users.size());
        }
    }

    @Test
    void aRecordDamagedWhileTheStoreIsOpenIsACorruptionErrorNamingItsFileAndOffset() throws IOException {
        try (LogStructuredStore store = LogStructuredStore.open(dir, Durability.SYNC)) {
            store.put(b("a"), b("first value"));
            store.put(b("b"), b("second value"));
            assertEquals(Optional.of("second value"), text(store.get(b("b")))); // the segment is mapped now
            Path segment = dir.resolve(FIRST_SEGMENT);
            byte[] bytes = Files.readAllBytes(segment);
            int value = indexOf(bytes, b("second value"));
            try (FileChannel file = FileChannel.open(segment, StandardOpenOption.WRITE)) {
                file.write(ByteBuffer.wrap(new byte[] {(byte) (bytes[value + 3] ^ 0x10)}), value + 3); // a failing disk
            }
            CorruptionException e = assertThrows(CorruptionException.class, () -> store.get(b("b")));
            assertEquals(FIRST_SEGMENT, e.file().getFileName().toString());
            assertEquals(17 + 4 + 1 + 4 + 11, e.offset(), "where b's record starts: right after a's 37 bytes");
            assertEquals(Optional.of("first value"), text(store.get(b("a"))), "the record before it is intact");
        }
    }

    /** Where {@code wanted} first occurs in {@code bytes}. */
    private static int indexOf(byte[] bytes, byte[] wanted) {
        for (int i = 0; i + wanted.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + wanted.length, wanted, 0, wanted.length)) {
                return i;
            }
        }
        throw new AssertionError("not found on disk");
    }

    @Test
    void rejectsCallerMistakesByName() {
        try (LogStructuredStore store = LogStructuredStore.open(dir, Durability.NONE)) {
            assertEquals("a key must be at least 1 byte long",
                    assertThrows(IllegalArgumentException.class, () -> store.put(new byte[0], b("v"))).getMessage());
            assertThrows(NullPointerException.class, () -> store.put(b("k"), null));
            assertThrows(NullPointerException.class, () -> store.get(null));
        }
    }

    @Test
    void aBatchIsAllOrNothingAtEveryCrashPoint() {
        // Write a batch under durability none, then cut the power after every possible prefix of its bytes.
        FaultInjectingDirectory probe = new FaultInjectingDirectory();
        LogOptions options = LogOptions.of(Durability.NONE).withSegmentSize(1 << 16);
        try (LogStructuredStore store = LogStructuredStore.open(probe, options)) {
            store.write(new WriteBatch().put(b("a"), b("1")).put(b("b"), b("2")).put(b("c"), b("3")));
        }
        long batchBytes = probe.unforcedBytes(FIRST_SEGMENT);
        for (long keep = 0; keep <= batchBytes; keep++) {
            FaultInjectingDirectory disk = new FaultInjectingDirectory();
            LogStructuredStore store = LogStructuredStore.open(disk, options);
            store.write(new WriteBatch().put(b("a"), b("1")).put(b("b"), b("2")).put(b("c"), b("3")));
            disk.crashKeepingPrefix(FIRST_SEGMENT, keep);
            try (LogStructuredStore reopened = LogStructuredStore.open(disk, options)) {
                int present = reopened.size();
                assertTrue(present == 0 || present == 3, "kept " + keep + " bytes: " + present + " of 3 keys");
            }
        }
    }

    @Test
    void everyAcknowledgedWriteSurvivesAPowerCutUnderGroup() throws InterruptedException {
        FaultInjectingDirectory disk = new FaultInjectingDirectory();
        LogOptions options = LogOptions.of(Durability.GROUP).withSegmentSize(1 << 20);
        LogStructuredStore store = LogStructuredStore.open(disk, options);
        List<Thread> writers = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        for (int t = 0; t < 4; t++) {
            int id = t;
            Thread writer = new Thread(() -> {
                try {
                    go.await();
                    for (int i = 0; i < 100; i++) {
                        store.put(b("t" + id + "-" + i), b("v" + i));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            writer.start();
            writers.add(writer);
        }
        go.countDown();
        for (Thread writer : writers) {
            writer.join();
        }
        disk.crash(); // only forced bytes survive
        try (LogStructuredStore reopened = LogStructuredStore.open(disk, options)) {
            assertEquals(400, reopened.size(), "every acknowledged put was covered by an fsync");
        }
    }

    @Test
    void concurrentWritersOfOneKeyLeaveItsLastRecordInTheDirectory() throws InterruptedException {
        try (LogStructuredStore store = LogStructuredStore.open(dir, Durability.NONE)) {
            List<Thread> writers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int id = t;
                Thread writer = new Thread(() -> {
                    for (int i = 0; i < 500; i++) {
                        store.put(b("hot"), b(id + ":" + i));
                    }
                });
                writer.start();
                writers.add(writer);
            }
            for (Thread writer : writers) {
                writer.join();
            }
            Optional<String> before = text(store.get(b("hot")));
            store.close();
            try (LogStructuredStore reopened = LogStructuredStore.open(dir, Durability.NONE)) {
                assertEquals(before, text(reopened.get(b("hot"))), "memory and log agree on the last write");
            }
        }
    }
}
