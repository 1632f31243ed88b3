package companion.database.storage.wal;

import static companion.database.storage.wal.LogFixture.open;
import static companion.database.storage.wal.LogFixture.range;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import companion.api.Durability;
import companion.database.storage.io.FaultInjectingDirectory;
import companion.database.storage.io.StorageFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The log buffer at {@code group}: records wait in memory until a leader writes them, at the right offsets, and a
 * record too large for it is written in its place in the log's order. The buffer's part in sharing forces among
 * concurrent writers is in {@link GroupCommitTest}.
 */
class LogBufferTest {
    private static final LogOptions GROUP = LogOptions.of(Durability.GROUP).withSegmentSize(4L << 20);

    private static ByteBuffer bytes(int length, int fill) {
        byte[] array = new byte[length];
        Arrays.fill(array, (byte) fill);
        return ByteBuffer.wrap(array);
    }

    @Test
    void takenRecordsGoWhereTheyEndAndTheBufferTakesTurnsWithItsSpare() throws IOException {
        FaultInjectingDirectory disk = new FaultInjectingDirectory();
        StorageFile file = disk.create("segment");
        LogBuffer buffer = new LogBuffer();
        assertTrue(buffer.add(bytes(100, 1)));
        assertTrue(buffer.add(bytes(50, 2)));
        // The two records end at offset 1,150 of the file: they start at 1,000.
        LogBuffer.Taken taken = buffer.take(file, 1150);
        assertEquals(1000, taken.offset());
        assertEquals(150, taken.bytes().remaining());
        assertEquals(0, disk.writeCount(), "nothing written before the leader writes");
        assertTrue(buffer.add(bytes(10, 3)), "appends go on while the leader writes");
        taken.writeAndForce();
        buffer.giveBack(taken);
        buffer.writeTo(file, 1160);

        byte[] written = disk.bytes("segment");
        assertEquals(1, written[1000]);
        assertEquals(1, written[1099]);
        assertEquals(2, written[1100]);
        assertEquals(2, written[1149]);
        assertEquals(3, written[1150]);
        assertEquals(3, written[1159]);
        assertEquals(10, disk.unforcedBytes("segment"), "the last 10 bytes were written, not forced");
        assertEquals(2, disk.writeCount(), "one write per taken group, one for writeTo");
        // Given back, the first area is the spare again: the next take does not trip over a missing one.
        assertTrue(buffer.add(bytes(1, 4)));
        assertEquals(1160, buffer.take(file, 1161).offset());
    }

    @Test
    void aRecordThatDoesNotFitIsRefusedAndTheBufferStaysAsItWas() throws IOException {
        FaultInjectingDirectory disk = new FaultInjectingDirectory();
        StorageFile file = disk.create("segment");
        LogBuffer buffer = new LogBuffer();
        assertTrue(buffer.add(bytes(LogBuffer.CAPACITY - 10, 5)));
        ByteBuffer large = bytes(11, 6);
        assertFalse(buffer.add(large));
        assertEquals(11, large.remaining(), "a refused record is not consumed");
        assertTrue(buffer.add(bytes(10, 7)), "exactly full");
        LogBuffer.Taken taken = buffer.take(file, LogBuffer.CAPACITY);
        assertEquals(0, taken.offset());
        assertEquals(LogBuffer.CAPACITY, taken.bytes().remaining());
    }

    @Test
    void recordsLargerThanTheBufferAreWrittenInTheirPlaceBetweenBufferedOnes() {
        FaultInjectingDirectory disk = new FaultInjectingDirectory();
        WriteAheadLog log = open(disk, GROUP).log();
        List<Operation> appended = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            // Small, then larger than the buffer, then one that fills most of what is left, and so on.
            int valueSize = switch (i % 3) {
                case 0 -> 20;
                case 1 -> LogBuffer.CAPACITY + 1000;
                default -> LogBuffer.CAPACITY - 500;
            };
            Operation operation = new Operation.Put(("key" + i).getBytes(), bytes(valueSize, i + 1).array());
            appended.add(operation);
            log.append(operation);
        }
        disk.crash(); // a power cut: only what a force covered survives
        LogFixture.Opened reopened = open(disk, GROUP);
        assertEquals(range(1, appended.size()), reopened.sequences(), "every acknowledged record survives");
        for (int i = 0; i < appended.size(); i++) {
            Operation.Put expected = (Operation.Put) appended.get(i);
            Operation.Put found = (Operation.Put) reopened.replayed().get(i).operation();
            assertArrayEquals(expected.key(), found.key(), "key of record " + (i + 1));
            assertArrayEquals(expected.value(), found.value(), "value of record " + (i + 1));
        }
        reopened.log().close();
    }
}
