package companion.database.storage.wal;

import static companion.database.storage.wal.LogFixture.PUT_SIZE;
import static companion.database.storage.wal.LogFixture.appendPuts;
import static companion.database.storage.wal.LogFixture.open;
import static companion.database.storage.wal.LogFixture.put;
import static companion.database.storage.wal.LogFixture.range;
import static companion.database.storage.wal.LogFixture.segment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import companion.api.CorruptionException;
import companion.api.Durability;
import companion.api.StorageException;
import companion.api.WriteBatch;
import companion.database.storage.io.DiskDirectory;
import companion.database.storage.io.FaultInjectingDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Appending, reading back, segments and their deletion, without crashes (those are in CrashRecoveryTest). */
class WriteAheadLogTest {
    private final FaultInjectingDirectory disk = new FaultInjectingDirectory();
    /** Four puts per segment, with room to spare: the fifth does not fit. */
    private final LogOptions fourPerSegment = LogOptions.of(Durability.SYNC).withSegmentSize(4 * PUT_SIZE + 10);

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsBackEveryRecordOfEveryTypeAfterACleanClose() {
        List<Operation> operations = List.of(put(1), new Operation.Delete(utf8("key0001")),
                Operation.Batch.of(new WriteBatch().put(utf8("a"), utf8("1")).delete(utf8("b"))),
                new Operation.Put(new byte[] {0, -1, '\n'}, new byte[0]), new Operation.Batch(List.of()));
        try (WriteAheadLog log = open(disk, LogOptions.of(Durability.SYNC).withSegmentSize(4096)).log()) {
            for (int i = 0; i < operations.size(); i++) {
                assertEquals(i + 1, log.append(operations.get(i)).sequence(), "sequence numbers start at 1, one per record");
            }
        }
        LogFixture.Opened reopened = open(disk, LogOptions.of(Durability.SYNC));
        List<LogRecord> expected = new ArrayList<>();
        for (int i = 0; i < operations.size(); i++) {
            expected.add(new LogRecord(i + 1, operations.get(i)));
        }
        assertEquals(expected, reopened.replayed());
        assertEquals("read 5 records from 1 segments", reopened.log().recovery().toString());
        assertEquals(6, reopened.log().nextSequence());
        reopened.log().close();
    }

    @Test
    void sequenceNumbersContinueAfterReopening() {
        try (WriteAheadLog log = open(disk, fourPerSegment).log()) {
            appendPuts(log, 1, 3);
        }
        try (WriteAheadLog log = open(disk, fourPerSegment).log()) {
            assertEquals(4, log.append(put(4)).sequence());
        }
    }

    @Test
    void rollsOverAtTheSegmentSizeAndRecoveryCrossesSegments() {
        try (WriteAheadLog log = open(disk, fourPerSegment).log()) {
            appendPuts(log, 1, 10);
        }
        assertEquals(List.of(segment(1), segment(5), segment(9)), disk.list());
        LogFixture.Opened reopened = open(disk, fourPerSegment);
        assertEquals(range(1, 10), reopened.sequences());
        assertEquals(3, reopened.log().recovery().segments());
        assertEquals(put(10), reopened.replayed().get(9).operation());
        reopened.log().close();
    }

    @Test
    void recordsFromASequenceNumberStartThereAndIgnoreLaterAppends() {
        try (WriteAheadLog log = open(disk, fourPerSegment).log()) {
            appendPuts(log, 1, 10);
            List<Long> seen = new ArrayList<>();
            try (LogCursor cursor = log.records(6)) {
                log.append(put(11)); // after the cursor was made: not seen
                cursor.forEachRemaining(r -> seen.add(r.sequence()));
            }
            assertEquals(range(6, 10), seen);
        }
    }

    @Test
    void aRecordCanBeReadBackFromItsPositionBeforeAndAfterReopening() {
        List<LogPosition> appended = new ArrayList<>();
        try (WriteAheadLog log = open(disk, fourPerSegment).log()) {
            for (int i = 1; i <= 6; i++) {
                appended.add(log.append(put(i)));
            }
            assertEquals("#6 in " + segment(5) + " @ " + PUT_SIZE + ", " + PUT_SIZE + " bytes",
                    appended.get(5).toString());
            assertEquals(new LogRecord(3, put(3)), log.read(appended.get(2)));
        }
        LogFixture.Opened reopened = open(disk, fourPerSegment);
        assertEquals(appended, reopened.positions(), "replay reports the positions append returned");
        assertEquals(new LogRecord(6, put(6)), reopened.log().read(appended.get(5)));
        List<LogPosition> cursorPositions = new ArrayList<>();
        try (LogCursor cursor = reopened.log().records(1)) {
            while (cursor.hasNext()) {
                cursor.next();
                cursorPositions.add(cursor.position());
            }
        }
        assertEquals(appended, cursorPositions);
        LogPosition wrong = new LogPosition(3, 1, 2 * PUT_SIZE + 1, PUT_SIZE, appended.get(2).address() + 1);
        CorruptionException e = assertThrows(CorruptionException.class, () -> reopened.log().read(wrong));
        assertEquals(2 * PUT_SIZE + 1, e.offset());
        reopened.log().close();
    }

    @Test
    void aRecordDamagedAfterItsSegmentWasMappedIsStillCorruptionNamingFileAndOffset() {
        try (WriteAheadLog log = open(disk, LogOptions.of(Durability.SYNC)).log()) {
            LogPosition first = log.append(put(1));
            assertEquals(new LogRecord(1, put(1)), log.read(first), "the first read maps the active segment");
            LogPosition second = log.append(put(2));
            assertEquals(new LogRecord(2, put(2)), log.read(second), "the map shows records appended after it");
            disk.flipBit(segment(1), PUT_SIZE + 30, 3); // in the payload of #2, behind the map's back
            CorruptionException e = assertThrows(CorruptionException.class, () -> log.read(second));
            assertEquals(disk.path().resolve(segment(1)), e.file());
            assertEquals(PUT_SIZE, e.offset());
        }
    }

    @Test
    void aSegmentDeletedUnderAReaderKeepsServingTheRecordsItWasMappedWith(@TempDir Path dir) throws IOException {
        try (WriteAheadLog log = open(DiskDirectory.open(dir), fourPerSegment).log()) {
            List<LogPosition> appended = new ArrayList<>();
            for (int i = 1; i <= 6; i++) {
                appended.add(log.append(put(i))); // segments 1-4, 5-6
            }
            assertEquals(new LogRecord(1, put(1)), log.read(appended.get(0)));
            assertEquals(1, log.deleteBefore(appended.get(4).address()), "#5 starts the second segment");
            assertTrue(Files.notExists(dir.resolve(segment(1))));
            // The log forgot the map, so a new read of #1 fails; a reader holding the map would still read it,
            // and the deleted file's blocks return only when the GC frees the map (SegmentFiles' class doc).
            assertThrows(StorageException.class, () -> log.read(appended.get(0)));
            assertEquals(new LogRecord(6, put(6)), log.read(appended.get(5)));
        }
    }

    @Test
    void deletingOldSegmentsKeepsEveryRecordFromTheGivenAddressOn() {
        try (WriteAheadLog log = open(disk, fourPerSegment).log()) {
            List<LogPosition> appended = appendPuts(log, 1, 10); // segments 1-4, 5-8, 9-10
            assertEquals(1, log.deleteBefore(appended.get(5).address()), "segment 5 holds #6: only segment 1 may go");
            assertEquals(List.of(segment(5), segment(9)), disk.list());
            assertEquals(1, log.deleteBefore(Long.MAX_VALUE), "the active segment stays");
        }
        disk.crash(); // the deletions were synced: they survive
        LogFixture.Opened reopened = open(disk, fourPerSegment);
        assertEquals(range(9, 10), reopened.sequences());
        assertEquals(11, reopened.log().append(put(11)).sequence());
        reopened.log().close();
    }

    @Test
    void aMissingSegmentIsCorruptionNamingTheNextOne() throws IOException {
        try (WriteAheadLog log = open(disk, fourPerSegment).log()) {
            appendPuts(log, 1, 10);
        }
        disk.delete(segment(5));
        CorruptionException e = assertThrows(CorruptionException.class, () -> open(disk, fourPerSegment));
        assertEquals(segment(9), e.file().getFileName().toString());
        assertEquals(0, e.offset());
        assertTrue(e.getMessage().contains("a segment is missing"), e.getMessage());
    }

    @Test
    void aLeftoverTemporarySegmentIsDeletedOnOpen() throws IOException {
        try (WriteAheadLog log = open(disk, fourPerSegment).log()) {
            appendPuts(log, 1, 2);
        }
        disk.create(segment(3) + ".tmp").close(); // a crash interrupted its preallocation
        open(disk, fourPerSegment).log().close();
        assertEquals(List.of(segment(1)), disk.list());
    }

    @Test
    void reopeningWithLargerSegmentsReplacesAnEmptyActiveSegment() {
        open(disk, LogOptions.of(Durability.SYNC).withSegmentSize(LogOptions.MIN_SEGMENT_SIZE)).log().close();
        LogOptions larger = LogOptions.of(Durability.SYNC).withSegmentSize(4096);
        try (WriteAheadLog log = open(disk, larger).log()) {
            assertEquals(1, log.append(new Operation.Put(new byte[1], new byte[100])).sequence()); // does not fit in 64 bytes
        }
        assertEquals(List.of(segment(1)), disk.list());
        assertEquals(4096, disk.bytes(segment(1)).length);
        LogFixture.Opened reopened = open(disk, larger);
        assertEquals(range(1, 1), reopened.sequences());
        reopened.log().close();
    }

    @Test
    void callerMistakesAreTheCallersErrors() {
        WriteAheadLog log = open(disk, fourPerSegment).log();
        Operation huge = new Operation.Put(new byte[1], new byte[4 * PUT_SIZE]);
        assertEquals("a record of " + (4 * PUT_SIZE + 26) + " bytes does not fit in a segment of "
                + (4 * PUT_SIZE + 10) + " bytes", assertThrows(IllegalArgumentException.class,
                () -> log.append(huge)).getMessage());
        assertThrows(NullPointerException.class, () -> log.append(null));
        assertThrows(IllegalArgumentException.class, () -> log.records(0));
        log.close();
        log.close(); // harmless
        assertThrows(IllegalStateException.class, () -> log.append(put(1)));
    }

    @Test
    void worksOnTheRealDiskWithPreallocatedSegments(@TempDir Path dir) throws IOException {
        LogOptions options = LogOptions.of(Durability.GROUP).withSegmentSize(64 * 1024);
        try (WriteAheadLog log = open(DiskDirectory.open(dir), options).log()) {
            appendPuts(log, 1, 2000); // 82 KB: two segments
        }
        assertEquals(64 * 1024, Files.size(dir.resolve(segment(1))), "the size is fixed by preallocation");
        LogFixture.Opened reopened = open(DiskDirectory.open(dir), options);
        assertEquals(range(1, 2000), reopened.sequences());
        assertTrue(reopened.log().recovery().clean());
        reopened.log().close();
    }
}
