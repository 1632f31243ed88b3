package companion.database.storage.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One open file, seen through the only operations a log needs: positional writes and reads, memory maps, {@code force}, {@code size}, {@code truncate}. Everything the database writes and reads goes through this
 * interface, so that tests can swap the disk for a fault-injecting simulation that drops unforced bytes, tears
 * pages, flips bits or fails an fsync.
 *
 * <pre>{@code
 * try (StorageFile file = directory.create("00000000000000000001.wal")) {
 *     file.write(ByteBuffer.wrap(bytes), 0);   // the OS has the bytes: they survive a killed process
 *     file.force();                            // the disk has them: they survive a power cut
 * }
 * }</pre>
 *
 * <h2>What "written" and "forced" mean</h2>
 * A {@link #write} returns once the OS holds the bytes (its page cache); later reads see them, and a killed process
 * does not lose them. Only {@link #force} makes them survive a power cut. Between the two, a crash may keep any
 * subset of the unforced bytes: none, a prefix, or a torn page. The fault-injecting implementation in the test tree
 * simulates exactly those outcomes.
 *
 * <p>Positional I/O ({@code pwrite}/{@code pread}) rather than a file pointer: concurrent readers need no lock, and
 * a writer says where its bytes go instead of relying on a shared "current position".
 *
 * <p>Errors are the OS's: every method throws {@link IOException}, which the caller wraps in a
 * {@link companion.api.StorageException} naming what it was doing.
 */
public interface StorageFile extends AutoCloseable {

    /** The file's path, for error messages ({@link companion.api.CorruptionException} names it). */
    Path path();

    /**
     * Writes all remaining bytes of {@code source} at byte offset {@code position}, growing the file if they end
     * past its size. Returns once the OS holds every byte; the bytes are not forced.
     *
     * <p>Requires: {@code position >= 0}.
     */
    void write(ByteBuffer source, long position) throws IOException;

    /**
     * Reads bytes at {@code position} into {@code target} until it is full or the file ends.
     *
     * <p>Requires: {@code position >= 0}.
     *
     * @return the number of bytes read: fewer than {@code target} had room for only at the end of the file
     */
    int read(ByteBuffer target, long position) throws IOException;

    /**
     * A read-only view of bytes {@code [position, position + size)}, mapped into memory ({@code mmap(2)},
     * shared): reading it reads the OS's page cache with no system call, and it shows every later {@link #write}
     * to those bytes, because the map and the writes share the same pages. The view outlives {@link #close}, and
     * even the file's deletion: Java 17 cannot unmap it, so it stays (and so do the deleted file's blocks) until
     * the garbage collector frees the buffer.
     *
     * <p>Requires: {@code position >= 0}, {@code 0 <= size <= Integer.MAX_VALUE}, {@code position + size <= size()},
     * and the file is not truncated below {@code position + size} while the view is read (a real map then faults).
     */
    ByteBuffer map(long position, long size) throws IOException;

    /**
     * A writable view of bytes {@code [0, size())}, mapped into memory ({@code mmap(2)}, shared), or empty if this
     * file cannot be written that way. A {@code put} into the view is a write to the file's pages in the OS's page
     * cache, exactly as {@link #write} is (a killed process does not lose it; only {@link #force} makes it survive a
     * power cut), but without a system call. {@link MappedFile} uses it; see there.
     *
     * <p>The fault-injecting file of the tests returns empty: it must see every write to decide what a simulated
     * crash keeps, and a {@code put} into memory is invisible to it.
     */
    default Optional<MappedByteBuffer> mapWritable() throws IOException {
        return Optional.empty();
    }

    /**
     * Forces every byte written so far to the disk ({@code fdatasync}): the data and whatever metadata is needed to
     * read it back (the size), but not timestamps. A log whose files are preallocated never changes their size, so
     * this is one disk round trip with no metadata journal write.
     *
     * <p>If this throws, assume the unforced bytes are lost and may never be forced by a retry: since the
     * "fsyncgate" discussion of 2018 (PostgreSQL), Linux is known to mark failed pages clean.
     */
    void force() throws IOException;

    /** The file's size in bytes. */
    long size() throws IOException;

    /** Cuts the file to {@code size} bytes. Requires: {@code 0 <= size <= size()}. */
    void truncate(long size) throws IOException;

    /** Releases the file. Does not force: unforced bytes stay as safe as the OS keeps them. */
    @Override
    void close() throws IOException;
}
