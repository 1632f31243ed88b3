package companion.api;

import java.util.Optional;

/**
 * Milestone 1's contract: a persistent map from string keys to string values, kept in one file.
 *
 * <pre>{@code
 * try (KeyValueStore store = KVStore.open(Path.of("data.kv"))) {
 *     store.put("user:1", "alice");
 *     store.get("user:1");        // Optional[alice]
 *     store.delete("user:1");
 *     store.get("user:1");        // Optional.empty
 * }
 * // reopening data.kv later gives back exactly what was there at close
 * }</pre>
 *
 * <h2>Guarantees an implementation makes</h2>
 * <ul>
 *   <li><b>Persistence</b>: when {@code put} or {@code delete} returns, the change is in the file (at least in the
 *       OS's hands, durability {@link Durability#NONE}); opening the same file again, even after the process was
 *       killed, shows it.
 *   <li><b>Concurrency</b>: any number of threads may call any method at once; every call takes effect atomically at
 *       some instant between its start and its return (linearizability), and the file agrees with memory.
 *   <li><b>Binary safety</b>: any Unicode text is a valid key or value, including the empty string, newlines and
 *       NUL, up to at least 1 MiB. A Java string that is not Unicode text (one with an unpaired surrogate) cannot be
 *       stored as UTF-8 and is refused with {@link IllegalArgumentException} rather than silently changed.
 * </ul>
 *
 * <p>Keys and values are never {@code null}: passing one is a caller's mistake and throws
 * {@link NullPointerException}. A missing key is {@link Optional#empty()}, never {@code null}.
 */
public interface KeyValueStore extends AutoCloseable {

    /**
     * The value stored under {@code key}, or empty when there is none.
     *
     * @throws NullPointerException  if {@code key} is null
     * @throws IllegalStateException if the store is closed
     */
    Optional<String> get(String key);

    /**
     * Stores {@code value} under {@code key}, replacing any earlier value, and persists the change before returning.
     *
     * @throws NullPointerException  if {@code key} or {@code value} is null
     * @throws IllegalStateException if the store is closed
     * @throws StorageException      if the write failed; the change then did not happen
     */
    void put(String key, String value);

    /**
     * Removes {@code key} and persists the removal before returning. Deleting a missing key is not an error.
     *
     * @throws NullPointerException  if {@code key} is null
     * @throws IllegalStateException if the store is closed
     * @throws StorageException      if the write failed
     */
    void delete(String key);

    /**
     * Releases the file. Every acknowledged change is already on disk, so closing loses nothing; calling it twice
     * is harmless.
     *
     * @throws StorageException if the file could not be closed cleanly
     */
    @Override
    void close();
}
