package companion.database.storage.wal;

import companion.database.storage.io.MappedFile;
import companion.database.storage.io.StorageDirectory;
import companion.database.storage.io.StorageFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The files of a log being written: its segments, oldest first, and the active one, with the offset where the
 * next record goes. {@link WriteAheadLog} decides what to write and when to force; this class knows where.
 *
 * <pre>{@code
 * if (!writer.fits(record.remaining())) {
 *     writer.roll(sequence);                          // force the full segment, start a preallocated one
 * }
 * LogPosition at = writer.write(record, sequence);   // pwrite at the write offset, which moves past it
 * }</pre>
 *
 * <p>At durability {@code none} the active segment is a {@link MappedFile}: the same write is a copy into a
 * memory map of the segment, with no system call. At {@code group} a record is copied into a {@link LogBuffer}
 * instead, and the leader of the group commit writes the buffered records just before its force
 * ({@link #takeUnwritten}); at {@code sync} it is written at once.
 *
 * <p>Not thread-safe: every method requires the {@link WriteAheadLog}'s lock, except that the group leader writes
 * and forces what {@link #takeUnwritten} handed it without the lock (roll and close wait for that force to end).
 */
final class SegmentWriter {
    /** What {@link #takeUnwritten} hands out when nothing is buffered: the force alone. */
    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0).asReadOnlyBuffer();

    private final StorageDirectory directory;
    private final long segmentSize;
    /** Whether the active segment is written through a memory map ({@link MappedFile}) rather than pwrite. */
    private final boolean mapped;
    /** At {@code group}, the records appended but not yet written to the active segment; null otherwise. */
    private final LogBuffer buffer;
    /** The log's numbered read maps: a new segment is added to them, a deleted one released first. */
    private final SegmentFiles readers;
    /** Oldest first; the last is the active segment. */
    private final List<Segment> segments;
    private StorageFile active;
    /** The active segment's number in {@link #readers}: the high bits of its records' addresses. */
    private long activeNumber;
    /** Bytes of the active segment: records go in {@code [0, activeSize)}. */
    private long activeSize;
    /** Where the next record goes in the active segment. */
    private long writeOffset;

    /**
     * @param mapped   whether to write the active segment through a memory map (see {@link MappedFile}: at
     *                 durability {@code none}, where it saves a system call per record)
     * @param buffered whether to copy records into a {@link LogBuffer} (at durability {@code group})
     */
    SegmentWriter(StorageDirectory directory, long segmentSize, boolean mapped, boolean buffered,
                  SegmentFiles readers, Recovery.Result recovered) throws IOException {
        this.directory = directory;
        this.segmentSize = segmentSize;
        this.mapped = mapped;
        this.buffer = buffered ? new LogBuffer() : null;
        this.readers = readers;
        this.segments = recovered.segments();
        this.active = forWriting(recovered.active());
        this.activeNumber = readers.numberOf(segments.get(segments.size() - 1));
        this.activeSize = recovered.activeSize();
        this.writeOffset = recovered.writeOffset();
    }

    /** {@code file} as the active segment is written: through a memory map if {@link #mapped}, else as it is. */
    private StorageFile forWriting(StorageFile file) throws IOException {
        return mapped ? MappedFile.over(file) : file;
    }

    /** Whether the active segment holds no record yet. */
    boolean isEmpty() {
        // @scaffold-begin m2: Nothing written yet at the write offset.
        return writeOffset == 0;
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): SegmentWriter.isEmpty, see LESSON.md step 2");
        // @scaffold-end
    }

    /** Whether a record of {@code bytes} bytes fits in what is left of the active segment. */
    boolean fits(int bytes) {
        // @scaffold-begin m2: Does the record end at or before the end of the active segment?
        return writeOffset + bytes <= activeSize;
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): SegmentWriter.fits, see LESSON.md step 2");
        // @scaffold-end
    }

    /**
     * Writes {@code record}, whose sequence number is {@code sequence}, at the write offset, moves the offset past
     * it, and returns where it went. Requires: {@link #fits}.
     */
    LogPosition write(ByteBuffer record, long sequence) throws IOException {
        // @scaffold-begin m2: Copy the record into the log buffer if there is one and it has room; otherwise write what is buffered, then the record, at the write offset with a positioned write (never APPEND); move the offset past it and return its position.
        assert fits(record.remaining()) : record.remaining() + " bytes at " + writeOffset + " of " + activeSize;
        LogPosition position = new LogPosition(sequence, segments.get(segments.size() - 1).firstSequence(),
                writeOffset, record.remaining(), LogPosition.address(activeNumber, writeOffset));
        if (buffer == null || !buffer.add(record)) {
            writeBuffered(); // the buffered records come before this one
            active.write(record, writeOffset);
        }
        writeOffset += position.size();
        return position;
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): SegmentWriter.write, see LESSON.md step 2");
        // @scaffold-end
    }

    /** The address the next record will have if it fits in the active segment. */
    long nextAddress() {
        return LogPosition.address(activeNumber, writeOffset);
    }

    /** The active segment's file. */
    StorageFile active() {
        return active;
    }

    /** Writes the records still in the log buffer, if any, to the active segment. */
    void writeBuffered() throws IOException {
        if (buffer != null) {
            buffer.writeTo(active, writeOffset);
        }
    }

    /** Writes what is buffered, then forces the active segment: every record appended so far is durable. */
    void force() throws IOException {
        writeBuffered();
        active.force();
    }

    /**
     * The records appended but not yet written, with the active segment, for the leader of a group commit to write
     * and force without the lock; appends go on meanwhile. Hand them back with {@link #giveBack}.
     */
    LogBuffer.Taken takeUnwritten() {
        return buffer == null ? new LogBuffer.Taken(active, NOTHING, writeOffset) : buffer.take(active, writeOffset);
    }

    /** Takes back what {@link #takeUnwritten} handed out, once written (or after a failure). */
    void giveBack(LogBuffer.Taken taken) {
        if (buffer != null) {
            buffer.giveBack(taken);
        }
    }

    /**
     * Forces the full active segment, then creates the segment whose first record will be {@code firstSequence}
     * and makes it active. Forcing first, whatever the durability, means an older segment never ends in a torn
     * write, so recovery may call any damage in it corruption.
     */
    void roll(long firstSequence) throws IOException {
        // @scaffold-begin m2: Seal: force the full active segment (its buffered records written first); then create the next one (Segment.create), close the old handle, map and number the new one (readers.add) and make it active at offset 0.
        force();
        Segment next = new Segment(firstSequence);
        StorageFile created = next.create(directory, segmentSize);
        active.close();
        active = forWriting(created); // preallocated first: the map covers every byte
        if (segments.get(segments.size() - 1).equals(next)) {
            // The active segment held no record (it was made, smaller, under other options): same name, replaced.
            readers.release(segments.remove(segments.size() - 1));
        }
        segments.add(next);
        activeNumber = readers.add(next);
        activeSize = segmentSize;
        writeOffset = 0;
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): SegmentWriter.roll, see LESSON.md step 2");
        // @scaffold-end
    }

    /**
     * Deletes every segment whose records all lie before {@code address} (its number is below the address's
     * segment number), never the active one, then syncs the directory. Returns how many it deleted.
     */
    int deleteBefore(long address) throws IOException {
        // @scaffold-begin m2: Delete, oldest first, each segment numbered below the address's segment (never the active one): release its map, delete, sync the directory each time.
        int deleted = 0;
        while (segments.size() > 1 && readers.numberOf(segments.get(0)) < LogPosition.ordinalOf(address)) {
            readers.release(segments.get(0));
            directory.delete(segments.get(0).name());
            // Sync after each delete, oldest first: a power cut can then undo only the newest deletion, which
            // leaves the segments contiguous. Undoing an older one alone would leave a gap, which recovery
            // rightly reports as corruption.
            directory.sync();
            segments.remove(0);
            deleted++;
        }
        return deleted;
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): SegmentWriter.deleteBefore, see LESSON.md step 6");
        // @scaffold-end
    }

    /** A cursor over the records as they are now, from sequence number {@code from}. */
    LogCursor cursor(long from, boolean salvage) throws IOException {
        writeBuffered(); // the cursor reads the files
        return new LogCursor(directory, readers, segments, writeOffset, from, salvage);
    }

    /** Writes what is buffered (unforced), then releases the active segment's file. */
    void close() throws IOException {
        // @scaffold-begin m2: Write what is buffered, then close the active segment's file.
        writeBuffered();
        active.close();
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): SegmentWriter.close, see LESSON.md step 2");
        // @scaffold-end
    }
}
