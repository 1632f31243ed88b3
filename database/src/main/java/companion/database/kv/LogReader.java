package companion.database.kv;

import companion.api.CorruptionException;
import companion.api.StorageException;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads a log file back, one {@link LogRecord} at a time, from the first byte to the last.
 *
 * <pre>{@code
 * try (LogReader reader = LogReader.open(file)) {
 *     for (Optional<LogRecord> r = reader.next(); r.isPresent(); r = reader.next()) { ... }
 * }
 * }</pre>
 *
 * <p>The reader knows the byte offset of every record it reads, so a damaged file is reported precisely: a
 * {@link CorruptionException} names the file and the offset where the bad record starts. It never skips a bad
 * record or stops quietly; in milestone 1 every damaged file is an error (milestone 2 learns to repair a torn tail).
 */
public final class LogReader implements AutoCloseable {
    private final Path file;
    private final long fileSize;
    private final DataInputStream in;
    /** Bytes consumed so far: the offset of the next record once a record has been read whole. */
    private long offset;

    private LogReader(Path file, long fileSize, InputStream in) {
        this.file = file;
        this.fileSize = fileSize;
        this.in = new DataInputStream(new BufferedInputStream(in, 64 * 1024));
    }

    /** Opens {@code file} for reading from its first byte. */
    public static LogReader open(Path file) {
        try {
            return new LogReader(file, Files.size(file), Files.newInputStream(file));
        } catch (IOException e) {
            throw new StorageException("cannot read " + file, e);
        }
    }

    /**
     * The next record, or empty at the clean end of the file (the end falls exactly between two records).
     *
     * @throws CorruptionException if the file ends inside a record, or a record has an unknown type or an impossible
     *                             length; the offset is where that record starts
     */
    public Optional<LogRecord> next() {
        long start = offset;
        try {
            int type = in.read();
            if (type == -1) {
                return Optional.empty();
            }
            offset++;
            // @scaffold-begin m1: Decode one record: read the type byte's fields, then build a Put or a Delete.
            if (type == LogRecord.PUT) {
                String key = readString(start);
                String value = readString(start);
                return Optional.of(new LogRecord.Put(key, value));
            }
            if (type == LogRecord.DELETE) {
                return Optional.of(new LogRecord.Delete(readString(start)));
            }
            throw new CorruptionException(file, start, String.format(
                    "unknown record type 0x%02x (expected 0x01 put or 0x02 delete)", type));
            // @scaffold-default throw new UnsupportedOperationException("TODO(m1): LogReader.next, see LESSON.md step 2");
            // @scaffold-end
        } catch (EOFException e) {
            throw new CorruptionException(file, start, "the file ends in the middle of this record (file is "
                    + fileSize + " bytes): was a write cut short?");
        } catch (IOException e) {
            throw new StorageException("cannot read " + file + " at byte offset " + offset, e);
        }
    }

    /**
     * Reads a length-prefixed UTF-8 string: an int32 byte count, then that many bytes.
     *
     * @param recordStart where the enclosing record starts, for the error message
     */
    private String readString(long recordStart) throws IOException {
        // @scaffold-begin m1: Read the int32 length, check it fits in what is left of the file, then read and decode the bytes.
        int length = in.readInt();
        offset += 4;
        if (length < 0 || length > fileSize - offset) {
            // Checked before allocating: a damaged length must not become a 2 GiB array.
            throw new CorruptionException(file, recordStart, "a string length of " + length + " bytes at offset "
                    + (offset - 4) + " runs past the end of the " + fileSize + "-byte file: the file ends inside"
                    + " this record (a write cut short?) or the length is damaged");
        }
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new EOFException();
        }
        offset += length;
        return new String(bytes, StandardCharsets.UTF_8);
        // @scaffold-default throw new UnsupportedOperationException("TODO(m1): LogReader.readString, see LESSON.md step 2");
        // @scaffold-end
    }

    /** Byte offset of the next unread record (the file's length once {@link #next()} has returned empty). */
    public long offset() {
        return offset;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new StorageException("cannot close " + file, e);
        }
    }
}
