package companion.database.storage.wal;

import static companion.database.storage.wal.LogFixture.PUT_SIZE;
import static companion.database.storage.wal.LogFixture.appendPuts;
import static companion.database.storage.wal.LogFixture.open;
import static companion.database.storage.wal.LogFixture.range;
import static companion.database.storage.wal.LogFixture.segment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import companion.api.CorruptionException;
import companion.api.Durability;
import companion.database.storage.io.FaultInjectingDirectory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Damage that a crash while appending cannot explain (a valid record after it, or an older segment) is corruption:
 * a {@link CorruptionException} naming the segment and offset, or, with salvage, exactly the damaged record lost.
 */
class CorruptionTest {
    private static final LogOptions STRICT = LogOptions.of(Durability.SYNC).withSegmentSize(16 * 1024);
    private static final LogOptions SALVAGE = STRICT.withSalvage(true);
    /** Four puts per segment. */
    private static final LogOptions SMALL = STRICT.withSegmentSize(4 * PUT_SIZE + 10);

    private final FaultInjectingDirectory disk = new FaultInjectingDirectory();

    private void writeTenRecords(LogOptions options) {
        try (WriteAheadLog log = open(disk, options).log()) {
            appendPuts(log, 1, 10);
        }
    }

    @Test
    void aBitFlipInTheMiddleIsCorruptionNamingSegmentAndOffset() {
        writeTenRecords(STRICT);
        disk.flipBit(segment(1), 4 * PUT_SIZE + 30, 3); // in the payload of #5
        CorruptionException e = assertThrows(CorruptionException.class, () -> open(disk, STRICT));
        assertEquals(segment(1), e.file().getFileName().toString());
        assertEquals(4 * PUT_SIZE, e.offset(), "where #5 starts");
        assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
        assertTrue(e.getMessage().contains("a valid record follows at offset " + 5 * PUT_SIZE), e.getMessage());
    }

    @Test
    void aBitFlipAnywhereInAMiddleRecordIsReportedAtThatRecord() {
        writeTenRecords(STRICT);
        for (int bit = 0; bit < PUT_SIZE * 8; bit++) {
            disk.flipBit(segment(1), 4 * PUT_SIZE + bit / 8, bit % 8);
            CorruptionException e = assertThrows(CorruptionException.class, () -> open(disk, STRICT), "bit " + bit);
            assertEquals(4 * PUT_SIZE, e.offset(), "bit " + bit + ": " + e.getMessage());
            disk.flipBit(segment(1), 4 * PUT_SIZE + bit / 8, bit % 8); // repair
        }
        LogFixture.Opened repaired = open(disk, STRICT);
        assertEquals(range(1, 10), repaired.sequences(), "repaired, the log reads whole again");
        repaired.log().close();
    }

    @Test
    void withSalvageExactlyTheDamagedRecordIsLost() {
        writeTenRecords(STRICT);
        disk.flipBit(segment(1), 4 * PUT_SIZE + 30, 3);
        LogFixture.Opened salvaged = open(disk, SALVAGE);
        List<Long> expected = new ArrayList<>(range(1, 10));
        expected.remove(Long.valueOf(5));
        assertEquals(expected, salvaged.sequences());
        RecoveryReport report = salvaged.log().recovery();
        assertEquals(1, report.salvaged().size(), report.toString());
        RecoveryReport.Damage skipped = report.salvaged().get(0);
        assertEquals(4 * PUT_SIZE, skipped.offset());
        assertEquals(PUT_SIZE, skipped.bytes());
        assertTrue(skipped.what().contains("losing records 5 to 5"), skipped.what());
        assertEquals(11, salvaged.log().append(LogFixture.put(11)).sequence(), "the log goes on after the salvage");
        salvaged.log().close();
    }

    @Test
    void damageAtTheEndOfAnOlderSegmentIsCorruptionNotATornTail() {
        writeTenRecords(SMALL); // segments 1-4, 5-8, 9-10
        disk.flipBit(segment(1), 3 * PUT_SIZE + 30, 0); // #4, the last record of the first segment
        CorruptionException e = assertThrows(CorruptionException.class, () -> open(disk, SMALL));
        assertEquals(segment(1), e.file().getFileName().toString());
        assertEquals(3 * PUT_SIZE, e.offset());
        assertTrue(e.getMessage().contains("not the last segment"), e.getMessage());

        LogFixture.Opened salvaged = open(disk, SMALL.withSalvage(true));
        List<Long> expected = new ArrayList<>(range(1, 10));
        expected.remove(Long.valueOf(4));
        assertEquals(expected, salvaged.sequences());
        salvaged.log().close();
    }

    @Test
    void damageToTheVeryLastRecordLooksLikeATornTail() {
        // Nothing follows it, so recovery cannot tell damage from a write cut short: LevelDB cannot either.
        writeTenRecords(STRICT);
        disk.flipBit(segment(1), 9 * PUT_SIZE + 30, 3);
        LogFixture.Opened reopened = open(disk, STRICT);
        assertEquals(range(1, 9), reopened.sequences());
        assertEquals(PUT_SIZE, reopened.log().recovery().bytesDropped());
        reopened.log().close();
    }
}
