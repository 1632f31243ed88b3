package companion.database.storage.wal;

import companion.api.CorruptionException;
import companion.database.storage.io.StorageDirectory;
import companion.database.storage.io.StorageFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a log directory back when it is opened: every record, in order, handed to the caller; then the log is
 * left ready for appends. The rules, also in {@link WriteAheadLog} and docs/formats/wal.md:
 *
 * <ol>
 *   <li>Segments are read oldest first; each must start with the sequence number that follows the previous one.
 *   <li>Within a segment, records are read until a zero header followed only by zeros: the preallocated tail.
 *   <li>A record that cannot be read (a bad length, a checksum mismatch, a record running past the end, or a zero
 *       header with non-zero bytes after it) is a <b>torn tail</b> if it is in the last segment and no valid record
 *       follows it: the write that was in progress when the machine stopped. Its bytes are overwritten with zeros,
 *       forced, and reported as dropped.
 *   <li>Any other damage (a valid record follows it, or it is in an older segment) cannot come from a crash while
 *       appending: it is <b>corruption</b>, a {@link CorruptionException} naming the segment and the offset. With
 *       salvage on, recovery instead skips to the next valid record (or the end of the segment) and reports what it
 *       skipped.
 * </ol>
 *
 * Why zero the torn bytes rather than just remember where the data ends: the next append writes over the start of
 * them, and if it is shorter than they were, the rest would sit after it looking like damage followed by nothing,
 * or, worse, a stale record with a valid checksum could line up after a later crash.
 *
 * <p>A limitation the rules accept: a power cut during a force could, in principle, let the disk keep a later page
 * of unforced records but not an earlier one. Recovery then sees a hole followed by valid records and reports
 * corruption, although none of those records was acknowledged under sync or group. PostgreSQL avoids the question
 * by treating the first invalid record as the end of the log, at the price of never detecting damage in the middle.
 *
 * <p>One instance per recovery, used by one thread; its counters are plain fields for that reason.
 */
final class Recovery {
    /** What recovery leaves for the {@link WriteAheadLog} that continues the log. */
    record Result(List<Segment> segments, StorageFile active, long activeSize, long writeOffset,
                  RecoveryReport report) {
    }

    private final StorageDirectory directory;
    private final LogOptions options;
    private final Replay replay;
    /** The log's numbered maps: each segment is added before its records are replayed, so replay can read them. */
    private final SegmentFiles files;
    private final List<RecoveryReport.Damage> salvaged = new ArrayList<>();
    private Optional<RecoveryReport.Damage> tornTail = Optional.empty();
    private long records;
    /** The sequence number the next valid record must carry. */
    private long expected;

    private Recovery(StorageDirectory directory, LogOptions options, SegmentFiles files,
                     Replay replay) {
        this.directory = directory;
        this.options = options;
        this.files = files;
        this.replay = replay;
    }

    /** Recovers the log in {@code directory}, creating its first segment if it has none. */
    static Result run(StorageDirectory directory, LogOptions options, SegmentFiles files,
                      Replay replay) throws IOException {
        return new Recovery(directory, options, files, replay).run();
    }

    private Result run() throws IOException {
        List<String> names = directory.list();
        // @scaffold-begin m2: Delete every temporary file a crash left in the middle of creating a segment (Segment.isTemporary).
        for (String name : names) {
            if (Segment.isTemporary(name)) {
                directory.delete(name); // a segment whose creation a crash interrupted: it never held a record
            }
        }
        // @scaffold-end
        List<Segment> segments = Segment.parse(names);
        if (segments.isEmpty()) {
            Segment first = new Segment(1);
            StorageFile file = first.create(directory, options.segmentSize());
            files.add(first);
            return new Result(new ArrayList<>(List.of(first)), file, options.segmentSize(), 0, report(1, 1));
        }
        // @scaffold-begin m2: Read the segments oldest first (checkStart, read), closing each; force the last, and continue the log after its last good record.
        expected = segments.get(0).firstSequence();
        for (int i = 0; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            boolean last = i == segments.size() - 1;
            StorageFile file = directory.open(segment.name());
            try {
                checkStart(segment, file);
                long end = read(segment, files.add(segment), file, last);
                if (last) {
                    // The previous process may have been killed with records still in the OS's cache: force them
                    // now, before anything is appended after them (PostgreSQL fsyncs its data directory at the
                    // start of crash recovery for the same reason).
                    file.force();
                    return new Result(new ArrayList<>(segments), file, file.size(), end,
                            report(segments.size(), expected));
                }
            } catch (IOException | RuntimeException e) {
                file.close();
                throw e;
            }
            file.close();
        }
        throw new AssertionError("unreachable: the last segment returns");
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): Recovery.run, see LESSON.md step 3");
        // @scaffold-end
    }

    /** A segment must start where the previous one ended: a gap means a segment file is missing. */
    private void checkStart(Segment segment, StorageFile file) {
        // @scaffold-begin m2: A segment must start at the expected sequence number: otherwise corruption, unless salvaging a gap (report the missing records and go on).
        if (segment.firstSequence() == expected) {
            return;
        }
        String what = "the segment starts at sequence number " + segment.firstSequence() + " but the log so far"
                + " ends before " + expected;
        if (segment.firstSequence() < expected || !options.salvage()) {
            throw new CorruptionException(file.path(), 0, what + ": a segment is missing, renamed or overlapping");
        }
        salvaged.add(new RecoveryReport.Damage(file.path(), 0, 0, what + ": records " + expected + " to "
                + (segment.firstSequence() - 1) + " are missing"));
        expected = segment.firstSequence();
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): Recovery.checkStart, see LESSON.md step 3");
        // @scaffold-end
    }

    /** Replays the records of one segment, number {@code number}, and returns the offset where its data ends. */
    private long read(Segment segment, long number, StorageFile file, boolean last) throws IOException {
        // @scaffold-begin m2: Replay each valid record with the expected sequence number; at damage, tell a torn tail (last segment, no valid record after it: zero it, report it) from corruption (throw, or salvage: skip and report).
        SegmentReader reader = new SegmentReader(file, file.size());
        long offset = 0;
        while (offset < reader.end()) {
            Frame frame = reader.frameAt(offset);
            if (frame instanceof Frame.Valid valid && valid.record().sequence() == expected) {
                replay.apply(valid.record(), new LogPosition(expected, segment.firstSequence(), offset,
                        valid.size(), LogPosition.address(number, offset)), files);
                records++;
                expected++;
                offset += valid.size();
                continue;
            }
            long lastNonZero = reader.lastNonZero(offset);
            if (frame instanceof Frame.End && lastNonZero < 0) {
                return offset; // the zero-filled tail: the clean end of this segment
            }
            String what = describe(frame, lastNonZero);
            long next = reader.nextValid(offset, lastNonZero, expected);
            if (last && next < 0) {
                long dropped = lastNonZero + 1 - offset;
                zero(file, offset, dropped);
                tornTail = Optional.of(new RecoveryReport.Damage(file.path(), offset, dropped, what));
                return offset;
            }
            if (!options.salvage()) {
                throw new CorruptionException(file.path(), offset, what + (next >= 0
                        ? "; a valid record follows at offset " + next + ", so this is damage, not a torn write"
                        : "; this is not the last segment, so this is damage, not a torn write"));
            }
            if (next < 0) {
                salvaged.add(new RecoveryReport.Damage(file.path(), offset, lastNonZero + 1 - offset,
                        what + "; skipped to the end of the segment"));
                return offset;
            }
            long resumed = ((Frame.Valid) reader.frameAt(next)).record().sequence();
            salvaged.add(new RecoveryReport.Damage(file.path(), offset, next - offset, what + "; skipped to record #"
                    + resumed + " at offset " + next + (resumed > expected
                    ? ", losing records " + expected + " to " + (resumed - 1) : "")));
            expected = resumed;
            offset = next;
        }
        return offset;
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): Recovery.read, see LESSON.md step 3");
        // @scaffold-end
    }

    /** Overwrites {@code bytes} bytes at {@code offset} with zeros and forces them. */
    private static void zero(StorageFile file, long offset, long bytes) throws IOException {
        // @scaffold-begin m2: Overwrite the bytes with zeros, a bounded buffer at a time, then force them.
        ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(bytes, 1 << 20));
        for (long at = 0; at < bytes; at += zeros.capacity()) {
            zeros.clear().limit((int) Math.min(zeros.capacity(), bytes - at));
            file.write(zeros, offset + at);
        }
        file.force();
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): Recovery.zero, see LESSON.md step 3");
        // @scaffold-end
    }

    private String describe(Frame frame, long lastNonZero) {
        // @scaffold-begin m2: Say what is wrong at the damage: the decoder's reason, an unexpected sequence number, or a zero header with non-zero bytes after it.
        if (frame instanceof Frame.Damaged damaged) {
            return damaged.what();
        }
        if (frame instanceof Frame.Valid valid) {
            return "record #" + valid.record().sequence() + " where #" + expected + " was expected";
        }
        return "a zero header, but non-zero bytes follow up to offset " + lastNonZero;
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): Recovery.describe, see LESSON.md step 3");
        // @scaffold-end
    }

    private RecoveryReport report(int segments, long nextSequence) {
        return new RecoveryReport(segments, records, nextSequence, tornTail, salvaged);
    }
}
