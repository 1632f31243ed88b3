package companion.api;

import java.util.List;
import java.util.Optional;

/**
 * Milestone 2's contract: a durable, crash-safe map from byte-array keys to byte-array values, the storage engine
 * the rest of the database stands on.
 *
 * <pre>{@code
 * try (StorageEngine engine = LogStructuredStore.open(dir, Durability.GROUP)) {
 *     engine.put(key, value);                 // acknowledged: survives a crash (durability sync or group)
 *     engine.write(new WriteBatch().put(a, x).delete(b));   // all or nothing, even across a crash
 *     engine.get(key);                        // Optional[value]
 * }
 * }</pre>
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li><b>Durability</b>: when a write returns, it survives what its {@link Durability} says: a killed process
 *       always; a power cut under {@code sync} and {@code group}.
 *   <li><b>Atomic batches</b>: after any crash, a batch is either wholly there or wholly absent.
 *   <li><b>Recovery</b>: opening after a crash needs no manual repair; a torn tail is dropped and reported, damage
 *       before the tail is a {@link CorruptionException} naming file and offset.
 *   <li><b>Concurrency</b>: any number of threads may call any method at once; each call is atomic.
 * </ul>
 *
 * Keys are 1 byte or longer; values may be empty. Arrays passed in are not kept (the engine copies what it needs),
 * and arrays returned belong to the caller.
 */
public interface StorageEngine extends AutoCloseable {

    /** The value of {@code key}, or empty. */
    Optional<byte[]> get(byte[] key);

    /** Stores {@code value} under {@code key}, durably as the engine's durability says, before returning. */
    void put(byte[] key, byte[] value);

    /** Removes {@code key}; removing a missing key is not an error. */
    void delete(byte[] key);

    /** Applies every operation of {@code batch} atomically: after a crash, all of them or none. */
    void write(WriteBatch batch);

    /**
     * Every live key that starts with {@code prefix}, with its value, in unspecified order (a hash-indexed engine
     * has no key order; the B+tree of milestone 3 adds ordered range scans).
     */
    List<Entry> scan(byte[] prefix);

    /** Forces every acknowledged write to the disk, whatever the durability (fsync). */
    void flush();

    @Override
    void close();

    /** A key and its value. */
    record Entry(byte[] key, byte[] value) {
    }
}
