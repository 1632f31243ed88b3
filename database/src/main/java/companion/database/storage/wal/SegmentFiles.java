package companion.database.storage.wal;

import companion.api.CorruptionException;
import companion.database.storage.io.StorageDirectory;
import companion.database.storage.io.StorageFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Read handles on the log's segments, opened on first use and kept open, so that reading one record at a known
 * {@link LogPosition} is a single positional read: a Bitcask get.
 *
 * <pre>{@code
 * LogRecord record = files.read(position);   // pread(size bytes at offset), then decode and check the CRC
 * }</pre>
 *
 * <p>Thread-safe without a lock: a {@link ConcurrentHashMap} of handles, and positional reads, which need no shared
 * file pointer. A record's bytes are all written before {@code append} returns its position, so a read never sees
 * half a record, even in the active segment.
 */
final class SegmentFiles {
    private final StorageDirectory directory;
    /** Segment id (first sequence number) to its read handle. */
    private final Map<Long, StorageFile> open = new ConcurrentHashMap<>();

    SegmentFiles(StorageDirectory directory) {
        this.directory = directory;
    }

    /**
     * The record at {@code position}, its checksum verified.
     *
     * @throws CorruptionException if the bytes there are not that record
     */
    LogRecord read(LogPosition position) throws IOException {
        StorageFile file = file(position.segment());
        ByteBuffer bytes = ByteBuffer.allocate(position.size());
        if (file.read(bytes, position.offset()) < position.size()) {
            throw new CorruptionException(file.path(), position.offset(), "the segment ends inside " + position);
        }
        Frame frame = RecordCodec.decode(bytes.flip());
        if (frame instanceof Frame.Valid valid && valid.size() == position.size()
                && valid.record().sequence() == position.sequence()) {
            return valid.record();
        }
        throw new CorruptionException(file.path(), position.offset(), "expected " + position + ", found "
                + (frame instanceof Frame.Damaged damaged ? damaged.what() : frame.toString()));
    }

    /** Closes the handle on {@code segment}, if one is open (before the segment is deleted). */
    void close(long segment) throws IOException {
        StorageFile file = open.remove(segment);
        if (file != null) {
            file.close();
        }
    }

    /** Closes every handle. */
    void closeAll() throws IOException {
        for (Long segment : open.keySet()) {
            close(segment);
        }
    }

    private StorageFile file(long segment) throws IOException {
        try {
            return open.computeIfAbsent(segment, s -> {
                try {
                    return directory.open(new Segment(s).name());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
