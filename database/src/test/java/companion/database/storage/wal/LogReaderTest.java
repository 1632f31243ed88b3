package companion.database.storage.wal;

import static companion.database.storage.wal.LogFixture.PUT_SIZE;
import static companion.database.storage.wal.LogFixture.appendPuts;
import static companion.database.storage.wal.LogFixture.open;
import static companion.database.storage.wal.LogFixture.segment;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import companion.api.CorruptionException;
import companion.api.Durability;
import companion.api.StorageException;
import companion.api.WriteBatch;
import companion.database.storage.io.FaultInjectingDirectory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading operations back by address ({@link LogReader}): what the key directory relies on. */
class LogReaderTest {
    private final FaultInjectingDirectory disk = new FaultInjectingDirectory();
    private final LogOptions fourPerSegment = LogOptions.of(Durability.SYNC).withSegmentSize(4 * PUT_SIZE + 10);

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Optional<byte[]> value) {
        return value.map(v -> new String(v, StandardCharsets.UTF_8)).orElse("(empty)");
    }

    @Test
    void readsTheKeyAndValueOfEachOperationOfPutDeleteAndBatchRecords() {
        try (WriteAheadLog log = open(disk, LogOptions.of(Durability.SYNC)).log()) {
            long put = log.append(new Operation.Put(utf8("a"), utf8("1"))).address();
            long delete = log.append(new Operation.Delete(utf8("b"))).address();
            LogPosition batch = log.append(Operation.Batch.of(new WriteBatch().put(utf8("x"), utf8("2"))
                    .delete(utf8("y")).put(utf8("x"), utf8("3"))));
            assertArrayEquals(utf8("a"), log.keyAt(put, 1));
            assertEquals("1", text(log.valueAt(put, 1, utf8("a"))));
            assertEquals("(empty)", text(log.valueAt(put, 1, utf8("b"))), "a put of another key");
            assertArrayEquals(utf8("b"), log.keyAt(delete, 1));
            assertEquals("(empty)", text(log.valueAt(delete, 1, utf8("b"))), "a delete has no value");
            assertArrayEquals(utf8("y"), log.keyAt(batch.address(), 2));
            assertEquals("2", text(log.valueAt(batch.address(), 1, utf8("x"))), "each operation on its own");
            assertEquals("3", text(log.valueAt(batch.address(), 3, utf8("x"))));
            assertEquals(batch.size(), log.sizeAt(batch.address()));
            CorruptionException e = assertThrows(CorruptionException.class, () -> log.keyAt(batch.address(), 4));
            assertEquals(batch.offset(), e.offset(), "no operation #4: the position is named");
            assertThrows(CorruptionException.class, () -> log.keyAt(put, 2), "a put record has one operation");
        }
    }

    @Test
    void addressesGrowInLogOrderAcrossSegmentsAndReopens() {
        List<LogPosition> all = new ArrayList<>();
        try (WriteAheadLog log = open(disk, fourPerSegment).log()) {
            all.addAll(appendPuts(log, 1, 6)); // segments 1-4, 5-6
        }
        try (WriteAheadLog log = open(disk, fourPerSegment).log()) {
            all.addAll(appendPuts(log, 7, 10)); // 7-8 in segment 5, then 9-10
            assertTrue(log.nextAddress() > all.get(all.size() - 1).address());
        }
        for (int i = 1; i < all.size(); i++) {
            assertTrue(all.get(i).address() > all.get(i - 1).address(), all.get(i - 1) + " then " + all.get(i));
        }
        assertEquals(LogPosition.ordinalOf(all.get(0).address()) + 1, LogPosition.ordinalOf(all.get(4).address()),
                "segments are numbered one after another");
    }

    @Test
    void replayReadsRecordsReplayedBeforeByTheirAddresses() {
        try (WriteAheadLog log = open(disk, fourPerSegment).log()) {
            appendPuts(log, 1, 6);
        }
        List<String> seen = new ArrayList<>();
        List<Long> addresses = new ArrayList<>();
        WriteAheadLog reopened = WriteAheadLog.open(disk, fourPerSegment, (record, position, reader) -> {
            addresses.add(position.address());
            seen.add(new String(reader.keyAt(addresses.get(0), 1), StandardCharsets.UTF_8)); // the first record
            assertEquals(record.operation(), new Operation.Put(reader.keyAt(position.address(), 1),
                    reader.valueAt(position.address(), 1, reader.keyAt(position.address(), 1)).orElseThrow()));
        });
        reopened.close();
        assertEquals(List.of("key0001", "key0001", "key0001", "key0001", "key0001", "key0001"), seen);
    }

    @Test
    void aDamagedRecordIsCorruptionNamingItsSegmentAndOffset() {
        try (WriteAheadLog log = open(disk, LogOptions.of(Durability.SYNC)).log()) {
            List<LogPosition> appended = appendPuts(log, 1, 3);
            disk.flipBit(segment(1), PUT_SIZE + 30, 3); // in #2's value, while the log is open
            CorruptionException e = assertThrows(CorruptionException.class,
                    () -> log.valueAt(appended.get(1).address(), 1, utf8("key0002")));
            assertEquals(disk.path().resolve(segment(1)), e.file());
            assertEquals(PUT_SIZE, e.offset());
            assertThrows(CorruptionException.class, () -> log.keyAt(appended.get(1).address(), 1));
            assertEquals("value0003", text(log.valueAt(appended.get(2).address(), 1, utf8("key0003"))));
        }
    }

    @Test
    void anAddressInADeletedSegmentIsAStorageExceptionAndAClosedLogRefusesReads() {
        WriteAheadLog log = open(disk, fourPerSegment).log();
        List<LogPosition> appended = appendPuts(log, 1, 6);
        assertEquals(1, log.deleteBefore(appended.get(4).address()));
        assertThrows(StorageException.class, () -> log.keyAt(appended.get(0).address(), 1));
        assertEquals("value0006", text(log.valueAt(appended.get(5).address(), 1, utf8("key0006"))));
        log.close();
        assertThrows(IllegalStateException.class, () -> log.sizeAt(appended.get(5).address()));
    }
}
