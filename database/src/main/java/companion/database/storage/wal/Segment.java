package companion.database.storage.wal;

import companion.database.storage.io.StorageDirectory;
import companion.database.storage.io.StorageFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One file of the log, named by the sequence number of its first record: {@code 00000000000000000001.wal},
 * {@code 00000000000000052817.wal}, ... Twenty digits, so that the directory's lexicographic order is the log's
 * order, and any {@code long} fits.
 *
 * <pre>
 *   00000000000000000001.wal   [#1][#2]...[#52816][0000000000]    full: the next record did not fit
 *   00000000000000052817.wal   [#52817][#52818][000000000000000]  active: appends go here
 * </pre>
 *
 * <p>A segment is preallocated: {@link #create} writes zeros over its whole size and forces them before the first
 * record arrives. Appends then overwrite blocks that are already allocated, so a file's size never changes while it
 * is in use, and {@code fdatasync} has no metadata to write: one disk round trip per force instead of two or three.
 * PostgreSQL fills its 16 MiB WAL segments with zeros for the same reason; RocksDB calls {@code fallocate}, which
 * Java cannot.
 *
 * @param firstSequence the sequence number of the first record the segment holds (or will hold)
 */
record Segment(long firstSequence) {
    private static final Pattern NAME = Pattern.compile("(\\d{20})\\.wal");
    private static final String TEMPORARY_SUFFIX = ".tmp";
    private static final int ZEROS = 1 << 20;

    Segment {
        if (firstSequence < 1) {
            throw new IllegalArgumentException("a sequence number is 1 or more: " + firstSequence);
        }
    }

    /** The file name: the first sequence number in 20 digits, then {@code .wal}. */
    String name() {
        return String.format("%020d.wal", firstSequence);
    }

    /** The segments in {@code names}, oldest first; other names are ignored. */
    static List<Segment> parse(List<String> names) {
        List<Segment> segments = new ArrayList<>();
        for (String name : names) {
            Matcher m = NAME.matcher(name);
            if (m.matches()) {
                segments.add(new Segment(Long.parseLong(m.group(1))));
            }
        }
        segments.sort((a, b) -> Long.compare(a.firstSequence, b.firstSequence));
        return segments;
    }

    /** Whether {@code name} is a segment that was being created when the process stopped. */
    static boolean isTemporary(String name) {
        return name.endsWith(".wal" + TEMPORARY_SUFFIX) && NAME.matcher(name.substring(0, name.length() - 4)).matches();
    }

    /**
     * Creates this segment in {@code directory}, {@code size} bytes of zeros, durably, and opens it. The steps
     * make a crash at any point harmless:
     * <ol>
     *   <li>write the zeros to {@code NAME.wal.tmp} and force them (a crash here leaves a temporary file, which the
     *       next recovery deletes);
     *   <li>rename it to {@code NAME.wal}, atomically, and sync the directory: the segment now exists, whole and
     *       zero-filled, and survives a power cut.
     * </ol>
     * Without the temporary name, a crash during preallocation would leave a short segment that recovery would
     * have to tell apart from a damaged one.
     */
    StorageFile create(StorageDirectory directory, long size) throws IOException {
        String temporary = name() + TEMPORARY_SUFFIX;
        if (directory.list().contains(temporary)) {
            directory.delete(temporary);
        }
        try (StorageFile file = directory.create(temporary)) {
            ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(ZEROS, size));
            for (long at = 0; at < size; at += zeros.capacity()) {
                zeros.clear().limit((int) Math.min(zeros.capacity(), size - at));
                file.write(zeros, at);
            }
            file.force();
        }
        directory.rename(temporary, name());
        directory.sync();
        return directory.open(name());
    }

    @Override
    public String toString() {
        return name();
    }
}
