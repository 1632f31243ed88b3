package companion.database.storage.wal;

import companion.database.storage.io.StorageFile;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Reads the records of one segment by offset, through a window of the file kept in memory, and answers the two
 * questions recovery asks after a damaged record: where is the last non-zero byte, and is there a valid record
 * after the damage?
 *
 * <pre>{@code
 * SegmentReader reader = new SegmentReader(file, file.size());
 * for (long at = 0; reader.frameAt(at) instanceof Frame.Valid v; at += v.size()) { ... }
 * }</pre>
 *
 * <p>Not thread-safe: one reader per thread. It does not own the file and does not close it.
 */
final class SegmentReader {
    private static final int WINDOW = 256 * 1024;
    private static final byte[] ZEROS = new byte[WINDOW];

    private final StorageFile file;
    private final long end;
    /** Bytes {@code [windowStart, windowStart + window.limit())} of the file; position 0. */
    private ByteBuffer window = ByteBuffer.allocate(WINDOW).limit(0);
    private long windowStart;

    /** Reads bytes {@code [0, end)} of {@code file}. Requires: {@code end <= file.size()}. */
    SegmentReader(StorageFile file, long end) {
        this.file = file;
        this.end = end;
    }

    /** The number of bytes this reader may read: the segment's size, or where its written data ends. */
    long end() {
        return end;
    }

    /** What is at {@code offset}: a valid record, the end of the data, or damage. Requires: offset < end. */
    Frame frameAt(long offset) throws IOException {
        // @scaffold-begin m2: Read the header at the offset, then as many bytes as its length says (never past the end), and decode them.
        long left = end - offset;
        ByteBuffer header = bytes(offset, (int) Math.min(RecordCodec.HEADER_BYTES, left));
        if (header.remaining() < RecordCodec.HEADER_BYTES) {
            return RecordCodec.decode(header);
        }
        long length = Integer.toUnsignedLong(header.getInt(header.position() + 4));
        long size = Math.max(RecordCodec.HEADER_BYTES, Math.min(RecordCodec.PREFIX_BYTES + length, left));
        return RecordCodec.decode(bytes(offset, (int) size));
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): SegmentReader.frameAt, see LESSON.md step 1");
        // @scaffold-end
    }

    /** The offset of the last non-zero byte in {@code [from, end)}, or -1 if every byte there is zero. */
    long lastNonZero(long from) throws IOException {
        // @scaffold-begin m2: Find the last non-zero byte from 'from' to the end, a window at a time (an all-zero window can be skipped quickly); -1 if all are zero.
        long last = -1;
        for (long at = from; at < end; at += WINDOW) {
            int n = (int) Math.min(WINDOW, end - at);
            ByteBuffer chunk = bytes(at, n);
            byte[] array = chunk.array();
            int start = chunk.arrayOffset() + chunk.position();
            if (Arrays.mismatch(array, start, start + n, ZEROS, 0, n) < 0) {
                continue; // all zeros: the common case, compared with vector instructions
            }
            for (int i = n - 1; i >= 0; i--) {
                if (array[start + i] != 0) {
                    last = at + i;
                    break;
                }
            }
        }
        return last;
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): SegmentReader.lastNonZero, see LESSON.md step 3");
        // @scaffold-end
    }

    /**
     * The offset of the first valid record after damage that starts at {@code damagedAt}, or -1 if there is none.
     * A candidate must lie before {@code lastNonZero} (its length field is not zero), carry a known type, a
     * sequence number that can follow {@code expected} (records lost in between take at least 17 bytes each), and
     * a matching checksum. The cheap tests come first: a byte-by-byte scan must not checksum megabytes of garbage.
     */
    long nextValid(long damagedAt, long lastNonZero, long expected) throws IOException {
        // @scaffold-begin m2: Scan forward a byte at a time for a record with a plausible length, type and sequence number (cheap tests first) that frameAt finds valid; -1 if none.
        for (long at = damagedAt + 1; at <= lastNonZero - 4 && end - at >= RecordCodec.HEADER_BYTES; at++) {
            ByteBuffer header = bytes(at, RecordCodec.HEADER_BYTES);
            int p = header.position();
            long length = Integer.toUnsignedLong(header.getInt(p + 4));
            long sequence = header.getLong(p + 8);
            byte type = header.get(p + 16);
            long mostLost = (at - damagedAt) / RecordCodec.HEADER_BYTES;
            boolean plausible = length >= RecordCodec.MIN_LENGTH && RecordCodec.PREFIX_BYTES + length <= end - at
                    && type >= Operation.PUT && type <= Operation.BATCH
                    && sequence >= expected && sequence <= expected + mostLost;
            if (plausible && frameAt(at) instanceof Frame.Valid) {
                return at;
            }
        }
        return -1;
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): SegmentReader.nextValid, see LESSON.md step 3");
        // @scaffold-end
    }

    /**
     * A buffer whose bytes from its position to its limit are the file's bytes {@code [offset, offset + n)}.
     * Requires: {@code offset + n <= end}.
     */
    private ByteBuffer bytes(long offset, int n) throws IOException {
        // @scaffold-begin m2: Unless the window already holds these bytes, refill it from the file at the offset (bigger if n needs it); a short read means the file shrank.
        assert offset >= 0 && n >= 0 && offset + n <= end : offset + "+" + n + " > " + end;
        if (offset < windowStart || offset + n > windowStart + window.limit()) {
            if (window.capacity() < n) {
                window = ByteBuffer.allocate(n); // a record larger than the window: read it whole
            }
            window.clear().limit((int) Math.min(window.capacity(), end - offset));
            int wanted = window.limit();
            if (file.read(window, offset) < wanted) {
                throw new EOFException(file.path() + " ends before byte " + (offset + wanted)
                        + ": it shrank while being read");
            }
            window.flip();
            windowStart = offset;
        }
        int at = (int) (offset - windowStart);
        return window.duplicate().position(at).limit(at + n);
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): SegmentReader.bytes, see LESSON.md step 3");
        // @scaffold-end
    }
}
