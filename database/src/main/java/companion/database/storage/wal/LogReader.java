package companion.database.storage.wal;

import java.util.Optional;

/**
 * Reads the log back by {@linkplain LogPosition#address address}: what an index that keeps nothing but addresses
 * needs to recognise a key and to answer a get. {@link WriteAheadLog} is one; while the log is being opened, its
 * replay is handed one that reads the records replayed so far.
 *
 * <p>An operation is named by its record's address and its number in the record: 1 for a put or a delete record,
 * 1 to n for the n operations of a batch record, in order.
 *
 * <pre>{@code
 * LogPosition at = log.append(Operation.Batch.of(new WriteBatch().put(a, x).delete(b)));
 * log.keyAt(at.address(), 2);           // b: the batch's second operation
 * log.valueAt(at.address(), 1, a);      // x: the first is a put of a
 * log.valueAt(at.address(), 1, b);      // empty: not a put of b
 * }</pre>
 *
 * <p>{@link #keyAt} and {@link #valueAt} verify the record's checksum and throw {@link
 * companion.api.CorruptionException}, naming the segment and offset, if it fails or if the record has no operation of
 * that number; {@link #sizeAt} reads only the length field, and throws it for a length no record can have. A {@link
 * companion.api.StorageException} says the read itself failed, or that the address is in a segment the log has
 * deleted since (an address read from an index just before compaction moved its key, say).
 */
public interface LogReader {
    /** The key of operation {@code number} of the record at {@code address}. */
    byte[] keyAt(long address, int number);

    /**
     * The value of operation {@code number} of the record at {@code address} if that operation is a put of
     * {@code key}; empty if it is a delete, or a put of another key.
     */
    Optional<byte[]> valueAt(long address, int number, byte[] key);

    /** The size in bytes, header included, of the record at {@code address}. */
    int sizeAt(long address);
}
