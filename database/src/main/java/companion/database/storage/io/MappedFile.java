package companion.database.storage.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link StorageFile} whose writes are copies into a writable shared memory map of the file, instead of one
 * {@code pwrite(2)} system call each: how the write-ahead log appends at durability {@code none}.
 *
 * <pre>{@code
 * StorageFile segment = MappedFile.over(directory.open(name));  // the file itself if it cannot be mapped
 * segment.write(record, offset);    // a memory copy into the page cache: no system call
 * segment.force();                  // msync, then fdatasync: as durable as a forced write
 * }</pre>
 *
 * <h2>Why this is as safe as a write at {@code none}</h2>
 * A shared map's pages <em>are</em> the file's pages in the OS's page cache, the ones {@code pwrite} would have
 * copied into. Once the copy is done the OS owns the bytes: if the process is killed the next instant, the kernel
 * still writes them back, and a reader of the file sees them. Only a power cut can lose them, as it can lose an
 * unforced {@code pwrite}. So for a store that promises "handed to the OS" and no more, the system call buys
 * nothing but its own cost (about a microsecond, half of an append here).
 *
 * <h2>Why only at {@code none}</h2>
 * At {@code sync} and {@code group} a write is followed by an fsync that costs a hundred times more than the
 * copy, so the map would save nothing measurable; and there the log keeps plain writes and forces, which the
 * {@code durable-ack} criterion watches with JDK Flight Recorder (a copy into memory leaves no trace there).
 *
 * <h2>Costs and traps</h2>
 * <ul>
 *   <li>The first write to each 4 KiB page faults (the kernel marks it dirty), about one fault per 30 records.
 *   <li>The file must not shrink under the map: a write to a page past its end kills the process ({@code SIGBUS}).
 *       A segment is preallocated at full size before it is mapped and is never truncated while active.
 *   <li>Java 17 cannot unmap: the map (and a deleted file's blocks) stay until the garbage collector frees it.
 *   <li>Writes past the end of the map (a file grown since) fall back to the file's own {@link #write}.
 * </ul>
 * LMDB ({@code MDB_WRITEMAP}) and the early MongoDB storage engine (MMAPv1) write through maps in the same way.
 *
 * <p>Thread-safe for writes to disjoint ranges (the log writes under its lock anyway).
 */
public final class MappedFile implements StorageFile {
    private final StorageFile file;
    private final MappedByteBuffer map;

    private MappedFile(StorageFile file, MappedByteBuffer map) {
        this.file = Objects.requireNonNull(file, "file is null");
        this.map = Objects.requireNonNull(map, "map is null");
    }

    /** {@code file}, writing through a map of its current size, or {@code file} itself if it cannot be mapped. */
    public static StorageFile over(StorageFile file) throws IOException {
        Optional<MappedByteBuffer> map = file.mapWritable();
        return map.isPresent() ? new MappedFile(file, map.get()) : file;
    }

    @Override
    public Path path() {
        return file.path();
    }

    @Override
    public void write(ByteBuffer source, long position) throws IOException {
        int length = source.remaining();
        if (position < 0 || position + length > map.capacity()) {
            file.write(source, position); // outside the map: the file checks the position, or grows
            return;
        }
        map.put((int) position, source, source.position(), length);
        source.position(source.limit()); // consumed, as a write would leave it
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

    /**
     * Forces the map ({@code msync}: the portable way to flush pages dirtied through a map), then the file
     * ({@code fdatasync}, for anything written past the map).
     */
    @Override
    public void force() throws IOException {
        map.force();
        file.force();
    }

    @Override
    public long size() throws IOException {
        return file.size();
    }

    /** Refused: a write through the map to a page past the new end would kill the process. */
    @Override
    public void truncate(long size) {
        throw new UnsupportedOperationException("a mapped file is not truncated: " + file.path());
    }

    /** Closes the file; the map stays valid (see the class doc) but is no longer written. */
    @Override
    public void close() throws IOException {
        file.close();
    }

    @Override
    public String toString() {
        return "MappedFile[" + file + "]";
    }
}
