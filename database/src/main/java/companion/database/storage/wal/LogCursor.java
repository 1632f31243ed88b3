package companion.database.storage.wal;

import companion.api.CorruptionException;
import companion.api.StorageException;
import companion.database.storage.io.StorageDirectory;
import companion.database.storage.io.StorageFile;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The records of a {@link WriteAheadLog} from a sequence number on, oldest first, as they were when the cursor was
 * made: records appended later are not seen.
 *
 * <pre>{@code
 * try (LogCursor cursor = log.records(1041)) {
 *     while (cursor.hasNext()) {
 *         engine.apply(cursor.next(), cursor.position());   // #1041, #1042, ... and where each is
 *     }
 * }
 * }</pre>
 *
 * <p>It opens each segment itself, one at a time, so it does not block appends. Requires: the segments it still has
 * to read are not deleted ({@link WriteAheadLog#deleteBefore}) while it is open. Not thread-safe.
 *
 * <p>Errors: a {@link CorruptionException} for damage found after the log was opened (salvage skips it, as on
 * open), a {@link StorageException} for a failed read.
 */
public final class LogCursor implements Iterator<LogRecord>, AutoCloseable {
    private final StorageDirectory directory;
    /** Numbers the segments, for the addresses of the positions handed out. */
    private final SegmentFiles numbering;
    private final List<Segment> segments;
    /** Where the written data of the last segment ended when the cursor was made. */
    private final long lastEnd;
    private final long from;
    private final boolean salvage;
    private int index = -1;
    private StorageFile file;
    private SegmentReader reader;
    /** Where the next frame of the open segment is read. */
    private long offset;
    /** Where the record {@link #readRecord()} returned last starts. */
    private long recordStart;
    /** The sequence number of the record read last (salvage resumes after it). */
    private long previous;
    /** The record {@link #next()} returns, once {@link #hasNext()} has read it; null until then. */
    private LogRecord lookahead;
    /** Where {@link #lookahead} is. */
    private LogPosition lookaheadPosition;
    /** Where the record {@link #next()} returned last is; null before the first. */
    private LogPosition position;

    LogCursor(StorageDirectory directory, SegmentFiles numbering, List<Segment> segments, long lastEnd, long from,
              boolean salvage) {
        this.directory = directory;
        this.numbering = numbering;
        this.segments = List.copyOf(segments);
        this.lastEnd = lastEnd;
        this.from = from;
        this.salvage = salvage;
    }

    @Override
    public boolean hasNext() {
        // @scaffold-begin m2: Until a record at or after 'from' is looked ahead, read the next record, opening the next segment when one ends; false past the last segment.
        try {
            while (lookahead == null) {
                if (reader == null && !openNextSegment()) {
                    return false;
                }
                Optional<LogRecord> record = readRecord();
                if (record.isEmpty()) {
                    closeSegment();
                } else if (record.get().sequence() >= from) {
                    lookahead = record.get();
                    Segment segment = segments.get(index);
                    lookaheadPosition = new LogPosition(lookahead.sequence(), segment.firstSequence(), recordStart,
                            (int) (offset - recordStart), LogPosition.address(numbering.numberOf(segment),
                            recordStart));
                }
            }
            return true;
        } catch (IOException e) {
            throw new StorageException("cannot read the log in " + directory.path(), e);
        }
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): LogCursor.hasNext, see LESSON.md step 3");
        // @scaffold-end
    }

    @Override
    public LogRecord next() {
        // @scaffold-begin m2: Hand out the looked-ahead record (NoSuchElementException if there is none) and remember its position.
        if (!hasNext()) {
            throw new NoSuchElementException("no record at or after #" + from + " past #" + previous);
        }
        LogRecord record = lookahead;
        position = lookaheadPosition;
        lookahead = null;
        return record;
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): LogCursor.next, see LESSON.md step 3");
        // @scaffold-end
    }

    /**
     * Where the record that {@link #next()} returned last is in the log.
     *
     * @throws IllegalStateException before the first {@code next()}
     */
    public LogPosition position() {
        // @scaffold-begin m2: The position of the record next() returned last; before the first, an IllegalStateException.
        if (position == null) {
            throw new IllegalStateException("next() has not returned a record yet");
        }
        return position;
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): LogCursor.position, see LESSON.md step 3");
        // @scaffold-end
    }

    /** Opens the next segment that may hold records at or after {@code from}; false past the last one. */
    private boolean openNextSegment() throws IOException {
        // @scaffold-begin m2: Skip the segments wholly before 'from', open the next one with a reader up to its end (the last one: up to lastEnd); false if none is left.
        index++;
        while (index + 1 < segments.size() && segments.get(index + 1).firstSequence() <= from) {
            index++; // every record of segments[index] is older than from
        }
        if (index >= segments.size()) {
            return false;
        }
        file = directory.open(segments.get(index).name());
        reader = new SegmentReader(file, index == segments.size() - 1 ? lastEnd : file.size());
        offset = 0;
        return true;
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): LogCursor.openNextSegment, see LESSON.md step 3");
        // @scaffold-end
    }

    /** The next record of the open segment, or empty at its end. */
    private Optional<LogRecord> readRecord() throws IOException {
        // @scaffold-begin m2: Return the next valid record of the segment; at its zero-filled end, empty; damage is a CorruptionException, or with salvage a skip to the next valid record.
        while (offset < reader.end()) {
            Frame frame = reader.frameAt(offset);
            if (frame instanceof Frame.Valid valid) {
                recordStart = offset;
                offset += valid.size();
                previous = valid.record().sequence();
                return Optional.of(valid.record());
            }
            long lastNonZero = reader.lastNonZero(offset);
            if (frame instanceof Frame.End && lastNonZero < 0) {
                return Optional.empty();
            }
            long next = salvage ? reader.nextValid(offset, lastNonZero, previous + 1) : -1;
            if (!salvage) {
                throw new CorruptionException(file.path(), offset, frame instanceof Frame.Damaged d ? d.what()
                        : "a zero header, but non-zero bytes follow up to offset " + lastNonZero);
            }
            if (next < 0) {
                return Optional.empty();
            }
            offset = next;
        }
        return Optional.empty();
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): LogCursor.readRecord, see LESSON.md step 3");
        // @scaffold-end
    }

    private void closeSegment() throws IOException {
        // @scaffold-begin m2: Drop the reader and close the open segment's file, if any.
        reader = null;
        if (file != null) {
            StorageFile open = file;
            file = null;
            open.close();
        }
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): LogCursor.closeSegment, see LESSON.md step 3");
        // @scaffold-end
    }

    /** Closes the segment being read, if any; {@link #hasNext()} is false from now on. */
    @Override
    public void close() {
        // @scaffold-begin m2: Move past the last segment and close the open one; a failure is a StorageException.
        index = segments.size();
        try {
            closeSegment();
        } catch (IOException e) {
            throw new StorageException("cannot close a segment of the log in " + directory.path(), e);
        }
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): LogCursor.close, see LESSON.md step 3");
        // @scaffold-end
    }
}
