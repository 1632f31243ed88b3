package companion.database.storage.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskDirectoryTest {
    @TempDir
    Path dir;

    @Test
    void positionalWritesAndReadsReachTheFile() throws IOException {
        StorageDirectory directory = DiskDirectory.open(dir.resolve("sub"));
        try (StorageFile file = directory.create("f")) {
            file.write(ByteBuffer.wrap(new byte[] {1, 2, 3, 4}), 0);
            file.write(ByteBuffer.wrap(new byte[] {9}), 2);
            file.force();
            ByteBuffer back = ByteBuffer.allocate(10);
            assertEquals(4, file.read(back, 0), "a read stops at the end of the file");
            assertArrayEquals(new byte[] {1, 2, 9, 4}, Files.readAllBytes(dir.resolve("sub/f")));
            file.truncate(1);
            assertEquals(1, file.size());
        }
    }

    @Test
    void aMapShowsLaterWritesAndOutlivesItsHandleButCannotGrowTheFile() throws IOException {
        StorageDirectory directory = DiskDirectory.open(dir);
        ByteBuffer map;
        try (StorageFile file = directory.create("f")) {
            file.write(ByteBuffer.wrap(new byte[8]), 0); // preallocated: the map never outgrows the file
            map = file.map(0, 8);
            file.write(ByteBuffer.wrap(new byte[] {7}), 5);
            assertEquals(7, map.get(5), "the map and the writes share the page cache");
            assertThrows(IllegalArgumentException.class, () -> file.map(4, 8), "past the end of the file");
        }
        assertEquals(7, map.get(5), "still readable after close: Java 17 cannot unmap");
        assertEquals(8, Files.size(dir.resolve("f")));
    }

    @Test
    void renameReplacesTheTargetAndSyncSucceeds() throws IOException {
        StorageDirectory directory = DiskDirectory.open(dir);
        try (StorageFile a = directory.create("a"); StorageFile b = directory.create("b")) {
            a.write(ByteBuffer.wrap(new byte[] {1}), 0);
            b.write(ByteBuffer.wrap(new byte[] {2}), 0);
        }
        directory.rename("a", "b");
        directory.sync();
        assertEquals(List.of("b"), directory.list());
        assertArrayEquals(new byte[] {1}, Files.readAllBytes(dir.resolve("b")));
        directory.delete("b");
        assertEquals(List.of(), directory.list());
    }

    @Test
    void createAndOpenRefuseWhatTheNameSaysCannotBe() throws IOException {
        StorageDirectory directory = DiskDirectory.open(dir);
        directory.create("a").close();
        assertThrows(FileAlreadyExistsException.class, () -> directory.create("a"));
        assertThrows(NoSuchFileException.class, () -> directory.open("missing"));
        assertEquals("not a plain file name: '../escape'",
                assertThrows(IllegalArgumentException.class, () -> directory.open("../escape")).getMessage());
    }
}
