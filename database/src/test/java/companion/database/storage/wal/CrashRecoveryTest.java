package companion.database.storage.wal;

import static companion.database.storage.wal.LogFixture.PUT_SIZE;
import static companion.database.storage.wal.LogFixture.appendPuts;
import static companion.database.storage.wal.LogFixture.open;
import static companion.database.storage.wal.LogFixture.put;
import static companion.database.storage.wal.LogFixture.range;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import companion.api.Durability;
import companion.api.StorageException;
import companion.database.storage.io.FaultInjectingDirectory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What survives a power cut, per durability: the simulated disk drops every unforced byte, and each test asserts
 * exactly which records come back. Torn tails and damage are in TornTailTest and CorruptionTest.
 */
class CrashRecoveryTest {
    private final FaultInjectingDirectory disk = new FaultInjectingDirectory();

    private static LogOptions options(Durability durability) {
        return LogOptions.of(durability).withSegmentSize(64 * 1024);
    }

    @Test
    void underNoneACrashLosesOnlyTheRecordsThatWereNotForced() {
        WriteAheadLog log = open(disk, options(Durability.NONE)).log();
        appendPuts(log, 1, 10);
        log.sync();
        appendPuts(log, 11, 15); // acknowledged to the OS only
        disk.crash();
        LogFixture.Opened reopened = open(disk, options(Durability.NONE));
        assertEquals(range(1, 10), reopened.sequences());
        assertTrue(reopened.log().recovery().clean(), "unforced records vanish whole: zeros, not a torn tail");
        assertEquals(11, reopened.log().append(put(11)).sequence(), "sequence numbers continue after the survivors");
        reopened.log().close();
    }

    @Test
    void underNoneACrashMidWriteKeepsExactlyTheWholeRecordsThatReachedTheDisk() {
        for (long seed = 0; seed < 50; seed++) {
            FaultInjectingDirectory disk = new FaultInjectingDirectory();
            WriteAheadLog log = open(disk, options(Durability.NONE)).log();
            appendPuts(log, 1, 10);
            log.sync();
            appendPuts(log, 11, 30);
            byte[] written = disk.bytes(LogFixture.segment(1));
            long kept = disk.crashKeepingRandomPrefix(LogFixture.segment(1), new Random(seed));

            int whole = 10 + (int) (kept / PUT_SIZE);
            int partStart = whole * PUT_SIZE;
            int partEnd = partStart + (int) (kept % PUT_SIZE);
            long dropped = Math.max(0, LogFixture.lastNonZero(written, partStart, partEnd) + 1 - partStart);
            LogFixture.Opened reopened = open(disk, options(Durability.NONE));
            assertEquals(range(1, whole), reopened.sequences(), "seed " + seed + ", kept " + kept);
            assertEquals(dropped, reopened.log().recovery().bytesDropped(), "seed " + seed + ", kept " + kept);
            reopened.log().close();
        }
    }

    @Test
    void aFullSegmentIsForcedBeforeTheLogMovesOnEvenUnderNone() {
        LogOptions fourPerSegment = LogOptions.of(Durability.NONE).withSegmentSize(4 * PUT_SIZE + 10);
        WriteAheadLog log = open(disk, fourPerSegment).log();
        appendPuts(log, 1, 10); // segments 1-4, 5-8 (both forced when full), 9-10 (never forced)
        disk.crash();
        LogFixture.Opened reopened = open(disk, fourPerSegment);
        assertEquals(range(1, 8), reopened.sequences(), "only the active segment can lose records");
        reopened.log().close();
    }

    @Test
    void underSyncEveryAcknowledgedAppendSurvivesACrash() {
        WriteAheadLog log = open(disk, options(Durability.SYNC)).log();
        appendPuts(log, 1, 25);
        disk.crash();
        LogFixture.Opened reopened = open(disk, options(Durability.SYNC));
        assertEquals(range(1, 25), reopened.sequences());
        assertEquals(put(25), reopened.replayed().get(24).operation());
        reopened.log().close();
    }

    @Test
    void underGroupEveryAcknowledgedAppendSurvivesACrash() throws Exception {
        WriteAheadLog log = open(disk, options(Durability.GROUP)).log();
        List<Long> acknowledged = Collections.synchronizedList(new ArrayList<>());
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int first = t * 50;
                done.add(writers.submit(() -> {
                    for (int i = first; i < first + 50; i++) {
                        acknowledged.add(log.append(put(i)).sequence());
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            writers.shutdown();
        }
        disk.crash();
        LogFixture.Opened reopened = open(disk, options(Durability.GROUP));
        List<Long> sorted = new ArrayList<>(acknowledged);
        Collections.sort(sorted);
        assertEquals(range(1, 200), sorted, "200 appends, 200 distinct sequence numbers");
        assertEquals(sorted, reopened.sequences(), "every acknowledged record, and nothing else");
        reopened.log().close();
    }

    @Test
    void aFailedForceFailsTheAppendAndTheLogStopsAcceptingWrites() {
        WriteAheadLog log = open(disk, options(Durability.SYNC)).log();
        appendPuts(log, 1, 3);
        disk.failNextForce();
        StorageException e = assertThrows(StorageException.class, () -> log.append(put(4)));
        assertTrue(e.getMessage().contains("injected fault: fsync"), e.getMessage());
        // After a failed fsync the pages may be gone while the kernel calls them clean: never retry, reopen.
        StorageException later = assertThrows(StorageException.class, () -> log.append(put(5)));
        assertTrue(later.getMessage().contains("reopen it to recover"), later.getMessage());
        disk.crash();
        LogFixture.Opened reopened = open(disk, options(Durability.SYNC));
        assertEquals(range(1, 3), reopened.sequences(), "#4 was never acknowledged, and is gone");
        reopened.log().close();
    }

    @Test
    void aFailedGroupForceFailsTheWriterWaitingForIt() {
        WriteAheadLog log = open(disk, options(Durability.GROUP)).log();
        appendPuts(log, 1, 2);
        disk.failNextForce();
        assertThrows(StorageException.class, () -> log.append(put(3)));
        assertEquals(2, log.durableSequence());
        disk.crash();
        LogFixture.Opened reopened = open(disk, options(Durability.GROUP));
        assertEquals(range(1, 2), reopened.sequences());
        reopened.log().close();
    }

    @Test
    void recoveryForcesWhatItReadSoALaterCrashCannotOpenAHole() {
        WriteAheadLog log = open(disk, options(Durability.NONE)).log();
        appendPuts(log, 1, 5); // in the OS's cache only; the process is killed, the machine keeps running
        LogFixture.Opened reopened = open(disk, options(Durability.SYNC));
        reopened.log().append(put(6));
        disk.crash(); // now the power goes
        LogFixture.Opened after = open(disk, options(Durability.SYNC));
        assertEquals(range(1, 6), after.sequences(), "#1-#5 were forced by the recovery that read them");
        after.log().close();
    }
}
