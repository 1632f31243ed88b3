package companion.database.storage.wal;

import companion.api.CorruptionException;
import companion.api.StorageException;
import companion.database.storage.io.StorageDirectory;
import companion.database.storage.io.StorageFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * The log's segments mapped into memory, read-only, and numbered: the log's address space ({@link LogPosition}
 * explains addresses). Reading the record at an address is an array index, a bounds check and a CRC over bytes
 * already in the page cache, with no system call: a Bitcask get.
 *
 * <pre>{@code
 * long number = files.add(segment);                          // maps it; its records' addresses start at number << 30
 * LogRecord record = files.read(position);                   // decoded, CRC checked
 * Optional<byte[]> value = files.valueAt(address, 1, key);   // a get: the value, if that record is a put of key
 * }</pre>
 *
 * <h2>Why a map, and why it is safe for the active segment</h2>
 * A {@code pread} of a 130-byte record costs a system call, most of a get's time once the index lookup is a hash
 * probe; a map costs one page fault per 4 KiB page, once. A segment's size never changes while the log runs (it is
 * preallocated whole, see {@link Segment}), so the active segment is mapped at its full size too, and records
 * appended later show through: the map and the writer share the page cache's pages. A record's bytes are all
 * written before {@code append} returns its position, so a read never sees half a record.
 *
 * <h2>Deleted segments</h2>
 * Java 17 has no public way to unmap: a map lives until the garbage collector frees its buffer. {@link #release}
 * only drops ours, and an address in that segment then reads as "deleted"; a reader that took the map just before
 * keeps reading correct bytes, because an unlinked file lives on while it is mapped. The price is that a deleted
 * segment's disk blocks and address space come back only at a later GC, not at the delete. Lucene's
 * {@code MMapDirectory} unmaps by force through an internal API, and must then make sure no thread reads the buffer
 * again (a read after an unmap crashes the JVM); Java 22's {@code Arena.ofShared()} makes that safe. We accept
 * the delay instead: compaction deletes a few segments at a time, and they are freed at the next collection.
 *
 * <h2>Concurrency</h2>
 * Reads take no lock: they index {@link #window}, an immutable snapshot published through a volatile field, and
 * read each map through absolute gets (the shared buffer's position and limit are never moved). {@link #add} and
 * {@link #release} copy the window and publish the copy; they are synchronized, and rare (a segment at a time).
 * Numbers are never reused while the process runs, so an address never names two segments.
 */
final class SegmentFiles implements LogReader {
    /**
     * One numbered segment, its path for error messages, and its map, made on the first read. Not before: a file
     * with a shared map costs more to fdatasync (the kernel walks the map's pages), and a log at sync that is
     * written but not read (a benchmark's fill) would pay for that on every force.
     */
    private final class Mapped {
        private final Segment segment;
        private final Path path;
        /** Null until the first read; then never changed. Volatile: readers check it without the lock. */
        private volatile ByteBuffer map;

        Mapped(Segment segment) {
            this.segment = segment;
            this.path = directory.path().resolve(segment.name());
        }

        Segment segment() {
            return segment;
        }

        Path path() {
            return path;
        }

        /** The segment's map, made now if this is the first read. */
        ByteBuffer bytes() {
            ByteBuffer bytes = map;
            if (bytes == null) {
                synchronized (this) {
                    if (map == null) {
                        try (StorageFile file = directory.open(segment.name())) {
                            map = file.map(0, file.size());
                        } catch (IOException e) {
                            throw new StorageException("cannot map " + path, e);
                        }
                    }
                    bytes = map;
                }
            }
            return bytes;
        }
    }

    /** The maps of segments {@code first}, {@code first + 1}, ...; null for one released. Never changed. */
    private record Window(long first, Mapped[] maps) {
        Mapped at(long number) {
            long index = number - first;
            return index >= 0 && index < maps.length ? maps[(int) index] : null;
        }
    }

    private final StorageDirectory directory;
    /** Written only by the synchronized methods; volatile so that readers always index a complete snapshot. */
    private volatile Window window = new Window(0, new Mapped[0]);

    SegmentFiles(StorageDirectory directory) {
        this.directory = directory;
    }

    /**
     * Numbers {@code segment}, which follows every segment added before, and returns its number; its map is made on
     * the first read.
     */
    synchronized long add(Segment segment) {
        Mapped mapped = new Mapped(segment);
        Window now = window;
        Mapped[] maps = Arrays.copyOf(now.maps, now.maps.length + 1);
        maps[maps.length - 1] = mapped;
        window = new Window(now.first, maps);
        return now.first + maps.length - 1;
    }

    /** The number {@link #add} gave {@code segment}. Requires: it was added and not released. */
    long numberOf(Segment segment) {
        Window now = window;
        for (int i = 0; i < now.maps.length; i++) {
            if (now.maps[i] != null && now.maps[i].segment().equals(segment)) {
                return now.first + i;
            }
        }
        throw new IllegalStateException(segment + " is not mapped");
    }

    /** Forgets the map of {@code segment} (before the segment is deleted); the GC unmaps it (see the class doc). */
    synchronized void release(Segment segment) {
        Window now = window;
        Mapped[] maps = now.maps.clone();
        maps[(int) (numberOf(segment) - now.first)] = null;
        int dropped = 0; // released segments at the front need no slot: the window starts after them
        while (dropped < maps.length && maps[dropped] == null) {
            dropped++;
        }
        window = new Window(now.first + dropped, Arrays.copyOfRange(maps, dropped, maps.length));
    }

    /** Forgets every map; later reads find every address deleted. */
    synchronized void releaseAll() {
        Window now = window;
        window = new Window(now.first + now.maps.length, new Mapped[0]);
    }

    /**
     * The record at {@code position}, its checksum verified.
     *
     * @throws CorruptionException if the bytes there are not that record
     */
    LogRecord read(LogPosition position) {
        Mapped segment = mapped(position.address());
        LogRecord record = decode(segment, (int) position.offset(), position.size());
        if (record.sequence() != position.sequence()) {
            throw new CorruptionException(segment.path(), position.offset(), "expected " + position + ", found #"
                    + record.sequence());
        }
        return record;
    }

    @Override
    public byte[] keyAt(long address, int number) {
        // @scaffold-begin m2: The segment's map and the offset from the address; an intact put record (checkedPut) gives its key in place (PayloadCodec.putKey); anything else is decoded in full (operation).
        Mapped segment = mapped(address);
        int offset = (int) LogPosition.offsetOf(address);
        byte[] record = checkedPut(segment, offset, number);
        if (record != null) {
            try {
                return PayloadCodec.putKey(record, RecordCodec.HEADER_BYTES);
            } catch (PayloadCodec.MalformedPayloadException e) {
                // the checksum missed damage (a 1 in 2^32 chance): the full decode below names it
            }
        }
        Operation operation = operation(segment, offset, number);
        return operation instanceof Operation.Put put ? put.key() : ((Operation.Delete) operation).key();
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): SegmentFiles.keyAt, see LESSON.md step 4");
        // @scaffold-end
    }

    @Override
    public Optional<byte[]> valueAt(long address, int number, byte[] key) {
        // @scaffold-begin m2: As keyAt: an intact put record gives its value in place if its key is the key (PayloadCodec.putValue); anything else is decoded in full, and only a put of the key gives a value.
        Mapped segment = mapped(address);
        int offset = (int) LogPosition.offsetOf(address);
        byte[] record = checkedPut(segment, offset, number);
        if (record != null) {
            try {
                return PayloadCodec.putValue(record, RecordCodec.HEADER_BYTES, key);
            } catch (PayloadCodec.MalformedPayloadException e) {
                // as in keyAt: the full decode below names the damage
            }
        }
        return operation(segment, offset, number) instanceof Operation.Put put && Arrays.equals(put.key(), key)
                ? Optional.of(put.value()) : Optional.empty();
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): SegmentFiles.valueAt, see LESSON.md step 4");
        // @scaffold-end
    }

    @Override
    public int sizeAt(long address) {
        Mapped segment = mapped(address);
        int offset = (int) LogPosition.offsetOf(address);
        return recordSize(segment, offset);
    }

    /**
     * The bytes of the record at {@code offset}, copied out of the map in one bulk copy, if it is an intact put and
     * {@code number} is 1: the record nearly every get and overwrite finds, checked without building objects.
     * Null for anything else, which {@link #operation} then decodes in full (or names the damage of).
     */
    private byte[] checkedPut(Mapped segment, int offset, int number) {
        ByteBuffer bytes = segment.bytes();
        if (number != 1 || offset + RecordCodec.HEADER_BYTES > bytes.capacity()
                || bytes.get(offset + 16) != Operation.PUT) {
            return null;
        }
        int size = recordSize(segment, offset);
        byte[] record = new byte[size];
        bytes.get(offset, record);
        return RecordCodec.isIntact(record) ? record : null;
    }

    /** Operation {@code number} of the record at {@code offset}, decoded in full, checksum verified. */
    private Operation operation(Mapped segment, int offset, int number) {
        // @scaffold-begin m2: Decode the record in full (decode, recordSize); a batch's operation number n is its n-th; a put or delete record has only number 1; any other number is a CorruptionException naming the offset.
        Operation operation = decode(segment, offset, recordSize(segment, offset)).operation();
        if (operation instanceof Operation.Batch batch && number >= 1 && number <= batch.operations().size()) {
            return batch.operations().get(number - 1);
        }
        if (!(operation instanceof Operation.Batch) && number == 1) {
            return operation;
        }
        throw new CorruptionException(segment.path(), offset, "the record here has no operation #" + number + ": "
                + operation);
        // @scaffold-default throw new UnsupportedOperationException("TODO(m2): SegmentFiles.operation, see LESSON.md step 4");
        // @scaffold-end
    }

    /** The record of {@code size} bytes at {@code offset}, decoded, or a CorruptionException saying what is wrong. */
    private static LogRecord decode(Mapped segment, int offset, int size) {
        if ((long) offset + size > segment.bytes().capacity()) {
            throw new CorruptionException(segment.path(), offset, "a record of " + size + " bytes runs past the end"
                    + " of the segment");
        }
        Frame frame = RecordCodec.decode(segment.bytes().duplicate().position(offset).limit(offset + size));
        if (frame instanceof Frame.Valid valid && valid.size() == size) {
            return valid.record();
        }
        throw new CorruptionException(segment.path(), offset, "expected a record of " + size + " bytes, found "
                + (frame instanceof Frame.Damaged damaged ? damaged.what() : frame.toString()));
    }

    /** The size of the record at {@code offset}, from its length field; damage that makes it absurd is reported. */
    private static int recordSize(Mapped segment, int offset) {
        ByteBuffer bytes = segment.bytes();
        long length = offset + RecordCodec.PREFIX_BYTES <= bytes.capacity()
                ? Integer.toUnsignedLong(bytes.getInt(offset + 4)) : -1;
        if (length < RecordCodec.MIN_LENGTH || offset + RecordCodec.PREFIX_BYTES + length > bytes.capacity()) {
            throw new CorruptionException(segment.path(), offset, "no record starts here: length field " + length);
        }
        return (int) (RecordCodec.PREFIX_BYTES + length);
    }

    /** The map of the segment {@code address} is in; a StorageException if that segment was released. */
    private Mapped mapped(long address) {
        Mapped segment = window.at(LogPosition.ordinalOf(address));
        if (segment == null) {
            String what = "address " + address + " is in segment number " + LogPosition.ordinalOf(address)
                    + ", which the log has deleted (or never had)";
            throw new StorageException(what + " in " + directory.path(), new NoSuchFileException(what));
        }
        return segment;
    }
}
