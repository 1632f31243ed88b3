package companion.database.storage.wal;

import static companion.database.storage.wal.LogFixture.PUT_SIZE;
import static companion.database.storage.wal.LogFixture.appendPuts;
import static companion.database.storage.wal.LogFixture.lastNonZero;
import static companion.database.storage.wal.LogFixture.open;
import static companion.database.storage.wal.LogFixture.put;
import static companion.database.storage.wal.LogFixture.range;
import static companion.database.storage.wal.LogFixture.segment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import companion.api.Durability;
import companion.api.WriteBatch;
import companion.database.storage.io.FaultInjectingDirectory;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A crash in the middle of writing the last record leaves part of it: recovery must drop exactly that part,
 * report how many bytes it dropped, and make sure the remnant can never come back.
 */
class TornTailTest {
    private static final LogOptions OPTIONS = LogOptions.of(Durability.NONE).withSegmentSize(16 * 1024);
    private static final Operation LAST = Operation.Batch.of(new WriteBatch()
            .put("torn".getBytes(), "tail".getBytes()).delete("gone".getBytes()));

    @Test
    void aTornLastRecordIsTruncatedAtEveryCutPoint() {
        int size = (int) RecordCodec.size(LAST);
        int start = 5 * PUT_SIZE;
        for (int cut = 0; cut <= size; cut++) {
            FaultInjectingDirectory disk = new FaultInjectingDirectory();
            WriteAheadLog log = open(disk, OPTIONS).log();
            appendPuts(log, 1, 5);
            log.sync();
            log.append(LAST);
            byte[] written = disk.bytes(segment(1));
            disk.crashKeepingPrefix(segment(1), cut);

            LogFixture.Opened reopened = open(disk, OPTIONS);
            RecoveryReport report = reopened.log().recovery();
            if (cut == size) {
                assertEquals(range(1, 6), reopened.sequences(), "the whole record made it");
                assertTrue(report.clean(), report.toString());
            } else {
                // Zeros at the end of the cut are indistinguishable from the preallocated tail: not "dropped".
                int expectedDropped = lastNonZero(written, start, start + cut) + 1 - start;
                assertEquals(range(1, 5), reopened.sequences(), "cut at " + cut + ": " + report);
                assertEquals(Math.max(expectedDropped, 0), report.bytesDropped(), "cut at " + cut + ": " + report);
                assertEquals(expectedDropped > 0, report.tornTail().isPresent(), "cut at " + cut);
                report.tornTail().ifPresent(t -> assertEquals(start, t.offset(), "the torn record's first byte"));
            }
            reopened.log().close();
        }
    }

    @Test
    void aTornTailIsZeroedSoItCannotComeBack() {
        FaultInjectingDirectory disk = new FaultInjectingDirectory();
        WriteAheadLog log = open(disk, OPTIONS).log();
        appendPuts(log, 1, 3);
        log.sync();
        log.append(LAST);
        disk.crashKeepingPrefix(segment(1), 30);

        LogFixture.Opened reopened = open(disk, OPTIONS);
        RecoveryReport.Damage torn = reopened.log().recovery().tornTail().orElseThrow();
        byte[] after = disk.bytes(segment(1));
        int from = (int) torn.offset();
        assertTrue(Arrays.equals(new byte[(int) torn.bytes()], Arrays.copyOfRange(after, from,
                from + (int) torn.bytes())), "the remnant is overwritten with zeros");
        reopened.log().append(put(4)); // shorter than the torn record: nothing of it may show after #4
        disk.crash(); // the zeroing was forced by recovery, #4 by nobody: both outcomes must be clean
        LogFixture.Opened again = open(disk, OPTIONS);
        assertEquals(range(1, 3), again.sequences());
        assertEquals(Optional.empty(), again.log().recovery().tornTail());
        again.log().close();
    }

    @Test
    void aTornLastPageLosesOnlyTheRecordsItCut() {
        for (int keepInPage : List.of(0, 1, 17, 1000, 4095)) {
            FaultInjectingDirectory disk = new FaultInjectingDirectory();
            WriteAheadLog log = open(disk, OPTIONS).log();
            appendPuts(log, 1, 150); // 6150 bytes: page 0 whole, page 1 in part; nothing forced
            byte[] written = disk.bytes(segment(1));
            long tornFrom = disk.crashTearingLastPage(segment(1), keepInPage);

            int whole = (int) Math.min(150, tornFrom / PUT_SIZE); // records that end before the tear
            int partStart = whole * PUT_SIZE;
            int expectedDropped = Math.max(0, lastNonZero(written, partStart, (int) tornFrom) + 1 - partStart);
            LogFixture.Opened reopened = open(disk, OPTIONS);
            assertEquals(range(1, whole), reopened.sequences(), "torn from " + tornFrom);
            assertEquals(expectedDropped, reopened.log().recovery().bytesDropped(), "torn from " + tornFrom);
            reopened.log().close();
        }
    }
}
