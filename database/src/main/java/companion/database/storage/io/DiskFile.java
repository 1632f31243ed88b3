package companion.database.storage.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link StorageFile} on the real disk: a thin layer over {@link FileChannel}'s positional {@code write},
 * {@code read}, {@code map} (read-only and read-write) and {@code force(false)}.
 *
 * <pre>{@code
 * try (StorageFile file = DiskDirectory.open(dir).create("log")) {
 *     file.write(ByteBuffer.wrap(new byte[] {1, 2, 3}), 0);
 *     file.force();   // fdatasync(2)
 * }
 * }</pre>
 *
 * <p>Thread-safe: {@link FileChannel}'s positional operations may be called by many threads at once.
 *
 * <p>A trap of Java's channels: a thread that is interrupted during an operation closes the channel for every
 * thread ({@link java.nio.channels.ClosedByInterruptException}); the next operation fails with
 * {@link java.nio.channels.ClosedChannelException}. We let that surface as an {@link IOException} (the log then
 * refuses further writes until it is reopened). H2 instead reopens the file and retries
 * ({@code FilePathRetryOnInterrupt}); Lucene documents that its callers must not interrupt I/O threads.
 */
public final class DiskFile implements StorageFile {
    private final Path path;
    private final FileChannel channel;

    DiskFile(Path path, FileChannel channel) {
        this.path = Objects.requireNonNull(path, "path is null");
        this.channel = Objects.requireNonNull(channel, "channel is null");
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public void write(ByteBuffer source, long position) throws IOException {
        checkPosition(position);
        long at = position;
        while (source.hasRemaining()) {
            at += channel.write(source, at); // pwrite(2) may write fewer bytes than offered
        }
    }

    @Override
    public int read(ByteBuffer target, long position) throws IOException {
        checkPosition(position);
        int total = 0;
        while (target.hasRemaining()) {
            int n = channel.read(target, position + total);
            if (n < 0) {
                break; // end of file
            }
            total += n;
        }
        return total;
    }

    @Override
    public ByteBuffer map(long position, long size) throws IOException {
        checkPosition(position);
        long fileSize = channel.size();
        if (size < 0 || size > Integer.MAX_VALUE || position + size > fileSize) {
            // FileChannel.map would silently grow a writable file to cover the range: a caller's mistake here.
            throw new IllegalArgumentException("cannot map " + size + " bytes at " + position + " of " + path
                    + ", which has " + fileSize);
        }
        return channel.map(FileChannel.MapMode.READ_ONLY, position, size);
    }

    @Override
    public Optional<MappedByteBuffer> mapWritable() throws IOException {
        long size = channel.size();
        if (size > Integer.MAX_VALUE) {
            return Optional.empty(); // one ByteBuffer indexes at most 2 GiB
        }
        return Optional.of(channel.map(FileChannel.MapMode.READ_WRITE, 0, size));
    }

    @Override
    public void force() throws IOException {
        channel.force(false); // false: fdatasync, not fsync; timestamps need not reach the disk
    }

    @Override
    public long size() throws IOException {
        return channel.size();
    }

    @Override
    public void truncate(long size) throws IOException {
        if (size < 0) {
            throw new IllegalArgumentException("negative size: " + size);
        }
        channel.truncate(size);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    @Override
    public String toString() {
        return "DiskFile[" + path + "]";
    }

    private static void checkPosition(long position) {
        if (position < 0) {
            throw new IllegalArgumentException("negative position: " + position);
        }
    }
}
