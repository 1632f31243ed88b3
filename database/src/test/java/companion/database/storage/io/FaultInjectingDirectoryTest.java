package companion.database.storage.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The simulated disk must lose exactly what a real one may lose, or the crash tests built on it prove nothing. */
class FaultInjectingDirectoryTest {
    private final FaultInjectingDirectory disk = new FaultInjectingDirectory();

    private StorageFile durableFile(String name) throws IOException {
        StorageFile file = disk.create(name);
        disk.sync();
        return file;
    }

    private static ByteBuffer bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return ByteBuffer.wrap(b);
    }

    @Test
    void crashKeepsForcedBytesAndDropsTheRest() throws IOException {
        StorageFile file = durableFile("f");
        file.write(bytes(1, 2, 3), 0);
        file.force();
        file.write(bytes(4, 5), 3);
        disk.crash();
        assertArrayEquals(new byte[] {1, 2, 3}, disk.bytes("f"));
    }

    @Test
    void crashKeepingAPrefixKeepsTheFirstUnforcedBytesInWriteOrder() throws IOException {
        StorageFile file = durableFile("f");
        file.write(bytes(1, 2), 0);
        file.write(bytes(3, 4), 2);
        assertEquals(3, disk.crashKeepingPrefix("f", 3));
        assertArrayEquals(new byte[] {1, 2, 3}, disk.bytes("f"));
    }

    @Test
    void tearingTheLastPageKeepsOnlyTheStartOfThatPage() throws IOException {
        StorageFile file = durableFile("f");
        file.write(ByteBuffer.allocate(2 * SimulatedFile.PAGE), 0);
        file.force();
        byte[] ones = new byte[SimulatedFile.PAGE + 100];
        Arrays.fill(ones, (byte) 1);
        file.write(ByteBuffer.wrap(ones), 0); // all of page 0, the first 100 bytes of page 1
        long tornFrom = disk.crashTearingLastPage("f", 40);
        assertEquals(SimulatedFile.PAGE + 40, tornFrom);
        byte[] after = disk.bytes("f");
        assertEquals(1, after[SimulatedFile.PAGE + 39]);
        assertEquals(0, after[SimulatedFile.PAGE + 40]);
        assertEquals(1, after[0]);
    }

    @Test
    void flippedBitIsSeenByReadsAndSurvivesACrash() throws IOException {
        StorageFile file = durableFile("f");
        file.write(bytes(0x10), 0);
        file.force();
        disk.flipBit("f", 0, 0);
        disk.crash();
        assertArrayEquals(new byte[] {0x11}, disk.bytes("f"));
    }

    @Test
    void failedForceThrowsOnceAndMakesNothingDurable() throws IOException {
        StorageFile file = durableFile("f");
        file.write(bytes(7), 0);
        disk.failNextForce();
        assertThrows(IOException.class, file::force);
        assertEquals(0, disk.forceCount());
        disk.crash();
        assertArrayEquals(new byte[0], disk.bytes("f"));
    }

    @Test
    void namesNotSyncedVanishInACrash() throws IOException {
        durableFile("kept");
        disk.create("new");
        disk.rename("kept", "renamed");
        disk.crash();
        assertEquals(List.of("kept"), disk.list());
    }

    @Test
    void crashClosesHandlesOpenedBeforeIt() throws IOException {
        StorageFile file = durableFile("f");
        disk.crash();
        assertThrows(IOException.class, () -> file.write(bytes(1), 0));
    }

    @Test
    void forceHookRunsBeforeEveryForce() throws IOException {
        StorageFile file = durableFile("f");
        int[] calls = {0};
        disk.beforeEachForce(name -> calls[0]++);
        file.force();
        file.force();
        assertEquals(2, calls[0]);
        assertEquals(2, disk.forceCount());
    }

    @Test
    void namesFollowTheDirectoryContract() throws IOException {
        disk.create("a");
        assertThrows(FileAlreadyExistsException.class, () -> disk.create("a"));
        assertThrows(NoSuchFileException.class, () -> disk.open("b"));
        assertThrows(IllegalArgumentException.class, () -> disk.create("x/y"));
        assertTrue(disk.list().contains("a"));
    }
}
