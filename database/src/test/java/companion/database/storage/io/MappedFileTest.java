package companion.database.storage.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write through {@link MappedFile} is a write to the file: a put into the map lands in the file's own pages (a
 * read, a fresh channel and a killed writer's successor all see it, with no system call and no force), a write past
 * the map falls back to the file and grows it, and a file that cannot be mapped is left as it is.
 */
class MappedFileTest {
    private static final int SIZE = 4096; // one page, preallocated: the map covers exactly this
    private static final String WRITTEN = "written";
    private static final byte[] PATTERN = "bytes handed to the OS through a map".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    @Test
    void aWriteInsideTheMapLandsInTheFilesPagesWithoutAFileWrite() throws IOException {
        StorageDirectory directory = DiskDirectory.open(dir);
        preallocate(directory, "f");
        try (CountingFile disk = new CountingFile(directory.open("f")); StorageFile mapped = MappedFile.over(disk)) {
            assertInstanceOf(MappedFile.class, mapped);
            ByteBuffer source = ByteBuffer.wrap(new byte[] {0, 0, 1, 2, 3, 4, 5, 0}, 2, 5); // position 2, limit 7
            mapped.write(source, 100);

            assertEquals(7, source.position(), "the source is consumed, as a write would leave it");
            assertEquals(0, disk.writes, "a copy into the map, not the file's own write");
            assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, read(mapped, 100, 5), "a read of the same file");
            try (FileChannel fresh = FileChannel.open(dir.resolve("f"), StandardOpenOption.READ)) {
                ByteBuffer back = ByteBuffer.allocate(5);
                assertEquals(5, fresh.read(back, 100));
                assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, back.array(), "a fresh channel on the path");
            }
            byte[] whole = Files.readAllBytes(dir.resolve("f"));
            assertEquals(SIZE, whole.length, "a write inside the map does not grow the file");
            assertArrayEquals(new byte[] {0, 1, 2, 3, 4, 5, 0}, Arrays.copyOfRange(whole, 99, 106));
        }
    }

    @Test
    void aWriteEndingPastTheMapFallsBackToTheFileAndGrowsIt() throws IOException {
        StorageDirectory directory = DiskDirectory.open(dir);
        preallocate(directory, "f");
        try (CountingFile disk = new CountingFile(directory.open("f")); StorageFile mapped = MappedFile.over(disk)) {
            ByteBuffer straddling = ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
            mapped.write(straddling, SIZE - 4);

            assertEquals(1, disk.writes, "the file's own write, not the map");
            assertFalse(straddling.hasRemaining());
            assertEquals(SIZE + 4, mapped.size());
            assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, read(mapped, SIZE - 4, 8));

            mapped.write(ByteBuffer.wrap(new byte[] {9}), SIZE + 100);
            assertEquals(2, disk.writes);
            assertEquals(SIZE + 101, mapped.size());
            assertEquals(SIZE + 101, Files.size(dir.resolve("f")));
            assertArrayEquals(new byte[] {9}, read(mapped, SIZE + 100, 1));
        }
    }

    @Test
    void truncateIsRefusedAndLeavesTheFileAsItWas() throws IOException {
        StorageDirectory directory = DiskDirectory.open(dir);
        preallocate(directory, "f");
        try (StorageFile mapped = MappedFile.over(directory.open("f"))) {
            assertThrows(UnsupportedOperationException.class, () -> mapped.truncate(0));
            assertEquals(SIZE, mapped.size());
        }
    }

    @Test
    void forceAfterWritesInsideAndPastTheMapForcesTheFile() throws IOException {
        StorageDirectory directory = DiskDirectory.open(dir);
        preallocate(directory, "f");
        try (CountingFile disk = new CountingFile(directory.open("f")); StorageFile mapped = MappedFile.over(disk)) {
            mapped.write(ByteBuffer.wrap(new byte[] {7}), 0);
            mapped.write(ByteBuffer.wrap(new byte[] {8}), SIZE);
            mapped.force();
            assertEquals(1, disk.forces, "the file is forced too, for what was written past the map");
            byte[] whole = Files.readAllBytes(dir.resolve("f"));
            assertEquals(SIZE + 1, whole.length);
            assertEquals(7, whole[0]);
            assertEquals(8, whole[SIZE]);
        }
    }

    @Test
    void closeClosesTheUnderlyingFile() throws IOException {
        StorageDirectory directory = DiskDirectory.open(dir);
        preallocate(directory, "f");
        StorageFile disk = directory.open("f");
        StorageFile mapped = MappedFile.over(disk);
        assertEquals(SIZE, read(disk, 0, SIZE).length, "readable before the close");
        mapped.close();
        assertThrows(IOException.class, () -> disk.read(ByteBuffer.allocate(1), 0));
    }

    @Test
    void aFileThatCannotBeMappedIsReturnedItself() throws IOException {
        StorageFile simulated = new FaultInjectingDirectory().create("f");
        assertEquals(Optional.empty(), simulated.mapWritable(), "the simulated disk must see every write");
        assertSame(simulated, MappedFile.over(simulated));

        StorageFile real = DiskDirectory.open(dir).create("g");
        try (StorageFile mapped = MappedFile.over(real)) {
            assertNotSame(real, mapped, "a file that can be mapped is wrapped");
        }
    }

    @Test
    void writesThroughTheMapSurviveAKilledProcessWithoutForce() throws Exception {
        StorageDirectory directory = DiskDirectory.open(dir);
        preallocate(directory, "f");
        int offset = 1000;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                KilledWriter.class.getName(), dir.toString(), "f", String.valueOf(offset))
                .redirectErrorStream(true)
                .start();
        StringBuilder output = new StringBuilder();
        try {
            CompletableFuture<Boolean> written = CompletableFuture.supplyAsync(() -> awaitLine(child, output));
            boolean sawWritten;
            try {
                sawWritten = written.get(60, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                sawWritten = false;
            }
            assertTrue(sawWritten, () -> "the child wrote through a map: " + output);
        } finally {
            child.destroyForcibly(); // SIGKILL: no close, no force, no shutdown hook
        }
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child is dead");
        assertTrue(child.exitValue() != 0, () -> "killed, not exited: " + child.exitValue());

        byte[] whole = Files.readAllBytes(dir.resolve("f"));
        assertEquals(SIZE, whole.length);
        assertArrayEquals(PATTERN, Arrays.copyOfRange(whole, offset, offset + PATTERN.length));
    }

    /**
     * The child of {@link #writesThroughTheMapSurviveAKilledProcessWithoutForce}: writes {@link #PATTERN} through a
     * map of file {@code args[1]} in directory {@code args[0]} at offset {@code args[2]}, says so, and waits to be
     * killed, never closing or forcing anything.
     */
    static final class KilledWriter {
        public static void main(String[] args) throws Exception {
            StorageFile mapped = MappedFile.over(DiskDirectory.open(Path.of(args[0])).open(args[1]));
            if (!(mapped instanceof MappedFile)) {
                System.out.println("not mapped: " + mapped); // a plain write would prove nothing about maps
                System.exit(2);
            }
            mapped.write(ByteBuffer.wrap(PATTERN), Long.parseLong(args[2]));
            System.out.println(WRITTEN);
            System.out.flush();
            Thread.sleep(TimeUnit.MINUTES.toMillis(5)); // the parent kills it long before
            System.exit(3);
        }
    }

    /** Reads the child's output until it says {@link #WRITTEN} (true) or ends (false), keeping it for messages. */
    private static boolean awaitLine(Process child, StringBuilder output) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                synchronized (output) {
                    output.append(line).append('\n');
                }
                if (line.equals(WRITTEN)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false; // the pipe closed under us: the child is gone
        }
    }

    /** Creates {@code name} at {@link #SIZE} zero bytes, as the log preallocates a segment before mapping it. */
    private static void preallocate(StorageDirectory directory, String name) throws IOException {
        try (StorageFile file = directory.create(name)) {
            file.write(ByteBuffer.allocate(SIZE), 0);
        }
    }

    private static byte[] read(StorageFile file, long position, int length) throws IOException {
        ByteBuffer target = ByteBuffer.allocate(length);
        assertEquals(length, file.read(target, position));
        return target.array();
    }

    /** A file that counts its own writes and forces, to tell a copy into the map from a write to the file. */
    private static final class CountingFile implements StorageFile {
        private final StorageFile file;
        int writes;
        int forces;

        CountingFile(StorageFile file) {
            this.file = file;
        }

        @Override
        public Path path() {
            return file.path();
        }

        @Override
        public void write(ByteBuffer source, long position) throws IOException {
            writes++;
            file.write(source, position);
        }

        @Override
        public int read(ByteBuffer target, long position) throws IOException {
            return file.read(target, position);
        }

        @Override
        public ByteBuffer map(long position, long size) throws IOException {
            return file.map(position, size);
        }

        @Override
        public Optional<MappedByteBuffer> mapWritable() throws IOException {
            return file.mapWritable();
        }

        @Override
        public void force() throws IOException {
            forces++;
            file.force();
        }

        @Override
        public long size() throws IOException {
            return file.size();
        }

        @Override
        public void truncate(long size) throws IOException {
            file.truncate(size);
        }

        @Override
        public void close() throws IOException {
            file.close();
        }
    }
}
