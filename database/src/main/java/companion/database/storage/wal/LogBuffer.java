package companion.database.storage.wal;

import companion.database.storage.io.StorageFile;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The log buffer, at durability {@code group}: appended records are copied here under the log's lock, and the
 * leader of the next group commit writes them to the segment, all with one {@code pwrite}, just before its fsync.
 *
 * <pre>{@code
 * buffer.add(record);                             // under the lock: a memory copy, no system call
 * LogBuffer.Taken group = buffer.take(file, end); // under the lock: the leader takes the group's records ...
 * group.writeAndForce();                          // ... writes and forces them without it: others keep appending
 * buffer.giveBack(group);                         // under the lock again: its memory is the next spare
 * }</pre>
 *
 * <h2>Why</h2>
 * A writer that wrote its own record would hold the log's lock for a system call (a few microseconds). At
 * {@code group}, the writers a force releases all come back at once to append their next record, and queue on
 * that lock: each parks, and each must be woken by the one before it, while the disk waits for the group to form.
 * A copy into memory holds the lock for a fraction of a microsecond, so they rarely queue at all; and a group's
 * records reach the OS in one write instead of one each. A record that a killed process can lose this way was
 * never acknowledged: at {@code group}, {@code append} returns only after the force that follows the write.
 * PostgreSQL's {@code wal_buffers} and the write group of LevelDB and RocksDB (whose leader writes every waiting
 * writer's batch at once) are the same idea.
 *
 * <p>Two memory areas take turns: the leader writes one while appends fill the other. There is only one leader
 * at a time, and it gives its area back (under the lock) before the next leader can take one. A record that does
 * not fit in the area left is not copied: the log writes what is buffered, then the record, itself.
 *
 * <p>Not thread-safe: every method requires the log's lock, except {@link Taken#writeAndForce}.
 */
final class LogBuffer {
    /** Bytes of each of the two areas: a group of small records uses a few kilobytes; larger ones are written. */
    static final int CAPACITY = 256 << 10;

    /** The area appends are copied into: its bytes {@code [0, position)} are records not yet written. */
    private ByteBuffer filling = ByteBuffer.allocateDirect(CAPACITY);
    /** The other area, empty; null while a leader writes it. */
    private ByteBuffer spare = ByteBuffer.allocateDirect(CAPACITY);

    /**
     * A group's records, taken out of the buffer: they go at {@code offset} of {@code file}. {@code bytes} is empty
     * when nothing was buffered (at {@code sync} or {@code none}, or when every record was too large to buffer):
     * the force is still needed, for the records written directly.
     */
    record Taken(StorageFile file, ByteBuffer bytes, long offset) {
        /** Writes the records (one positional write), then forces the file. Needs no lock. */
        void writeAndForce() throws IOException {
            if (bytes.hasRemaining()) {
                file.write(bytes, offset);
            }
            file.force();
        }
    }

    /** Copies {@code record} (its remaining bytes) to the end of the buffer, if it fits; returns whether it did. */
    boolean add(ByteBuffer record) {
        // @scaffold-begin m2: If the record fits in what is left of the filling area, copy it there and say so.
        if (record.remaining() > filling.remaining()) {
            return false;
        }
        filling.put(record);
        return true;
        // @scaffold-default return false; // never buffered: every record is written at once, which is correct, only slower
        // @scaffold-end
    }

    /**
     * Writes the buffered records to {@code file}, where they end at offset {@code end}, and empties the buffer:
     * before a record that does not fit, before the segment is forced and closed, before a cursor reads the file.
     */
    void writeTo(StorageFile file, long end) throws IOException {
        if (filling.position() > 0) {
            filling.flip();
            file.write(filling, end - filling.limit());
            filling.clear();
        }
    }

    /**
     * Takes the buffered records, which end at offset {@code end} of {@code file}, for a leader to write and force
     * without the lock; appends go on into the spare area. Requires: no other leader holds an area.
     */
    Taken take(StorageFile file, long end) {
        assert spare != null : "two leaders at once";
        ByteBuffer full = filling.flip();
        filling = spare;
        spare = null;
        return new Taken(file, full, end - full.limit());
    }

    /** Returns a taken area, written (or abandoned after a failure), to be the next spare. */
    void giveBack(Taken taken) {
        assert spare == null : "given back twice";
        spare = taken.bytes().clear();
    }
}
