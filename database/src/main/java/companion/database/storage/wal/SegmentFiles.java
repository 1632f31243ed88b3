package companion.database.storage.wal;

import companion.api.CorruptionException;
import companion.database.storage.io.StorageDirectory;
import companion.database.storage.io.StorageFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The log's segments mapped into memory, read-only, one map per segment made on first use, so that reading one
 * record at a known {@link LogPosition} is a CRC check and a decode of bytes already in the page cache, with no
 * system call: a Bitcask get.
 *
 * <pre>{@code
 * LogRecord record = files.read(position);   // the record's bytes in the segment's map, decoded, CRC checked
 * }</pre>
 *
 * <h2>Why a map, and why it is safe for the active segment</h2>
 * A {@code pread} of a 130-byte record costs a system call, most of a get's time once the index lookup is a hash
 * probe; a map costs one page fault per 4 KiB page, once. A segment's size never changes while the log runs (it is
 * preallocated whole, see {@link Segment}), so the active segment is mapped at its full size too, and records
 * appended later show through: the map and the writer's {@code pwrite} share the page cache's pages. A record's
 * bytes are all written before {@code append} returns its position, so a read never sees half a record.
 *
 * <h2>Deleted segments</h2>
 * Java 17 has no public way to unmap: a map lives until the garbage collector frees its buffer. {@link #release}
 * only drops ours; a reader that took the map just before keeps reading correct bytes, because an unlinked file
 * lives on while it is mapped. The price is that a deleted segment's disk blocks and address space come back only
 * at a later GC, not at the delete. Lucene's {@code MMapDirectory} unmaps by force through an internal API, and
 * must then make sure no thread reads the buffer again (a read after an unmap crashes the JVM); Java 22's
 * {@code Arena.ofShared()} makes that safe. We accept the delay instead: compaction deletes a few segments at a
 * time, and they are freed at the next collection.
 *
 * <p>Thread-safe without a lock: a {@link ConcurrentHashMap} of maps, each read through its own duplicate (the
 * shared buffer's position and limit are never moved).
 */
final class SegmentFiles {
    /** One segment's map, and its path for error messages. */
    private record Mapped(Path path, ByteBuffer bytes) {
    }

    private final StorageDirectory directory;
    /** Segment id (first sequence number) to its map. */
    private final Map<Long, Mapped> mapped = new ConcurrentHashMap<>();

    SegmentFiles(StorageDirectory directory) {
        this.directory = directory;
    }

    /**
     * The record at {@code position}, its checksum verified.
     *
     * @throws CorruptionException if the bytes there are not that record
     */
    LogRecord read(LogPosition position) throws IOException {
        Mapped segment = map(position.segment());
        if (position.offset() + position.size() > segment.bytes().capacity()) {
            throw new CorruptionException(segment.path(), position.offset(), "the segment ends inside " + position);
        }
        int at = (int) position.offset();
        Frame frame = RecordCodec.decode(segment.bytes().duplicate().position(at).limit(at + position.size()));
        if (frame instanceof Frame.Valid valid && valid.size() == position.size()
                && valid.record().sequence() == position.sequence()) {
            return valid.record();
        }
        throw new CorruptionException(segment.path(), position.offset(), "expected " + position + ", found "
                + (frame instanceof Frame.Damaged damaged ? damaged.what() : frame.toString()));
    }

    /**
     * The value of the record at {@code position} if it is an intact put of {@code key}, else empty: see
     * {@link RecordCodec#putValue}. The record is copied out of the map in one bulk copy and checked on the heap,
     * which costs less than reading the map's bytes one call at a time.
     */
    Optional<byte[]> readPut(LogPosition position, byte[] key) throws IOException {
        ByteBuffer segment = map(position.segment()).bytes();
        if (position.offset() + position.size() > segment.capacity()) {
            return Optional.empty(); // read() names the damage
        }
        byte[] record = new byte[position.size()];
        segment.get((int) position.offset(), record);
        return RecordCodec.putValue(record, position.sequence(), key);
    }

    /** Forgets the map of {@code segment} (before the segment is deleted); the GC unmaps it (see the class doc). */
    void release(long segment) {
        mapped.remove(segment);
    }

    /** Forgets every map. */
    void releaseAll() {
        mapped.clear();
    }

    /** The map of {@code segment}, made on first use: the whole file, through a handle closed at once. */
    private Mapped map(long segment) throws IOException {
        try {
            return mapped.computeIfAbsent(segment, s -> {
                try (StorageFile file = directory.open(new Segment(s).name())) {
                    return new Mapped(file.path(), file.map(0, file.size()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
