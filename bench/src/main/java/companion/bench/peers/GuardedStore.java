package companion.bench.peers;

import companion.api.KeyValueStore;
import companion.bench.engine.Compactable;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.StampedLock;

/**
 * The {@link KeyValueStore} every peer adapter returns: it keeps the contract's promises once, so that each adapter
 * only speaks its engine's API through a {@link Backend}.
 *
 * <ul>
 *   <li>Null keys and values are the caller's mistake: {@link NullPointerException} before the engine is reached.
 *   <li>After {@link #close()}, every call is an {@link IllegalStateException}; closing twice does nothing.
 *   <li>{@code close()} waits for the calls in progress. RocksDB and LMDB free native memory when they close, and
 *       MapDB unmaps its file: a {@code get} still running inside one of them would crash the JVM, not throw.
 *   <li>An engine's own failure becomes a {@link companion.api.StorageException} naming the engine, the operation
 *       and the directory ({@link Peers#failure}); the engine's exception is kept as the cause.
 * </ul>
 *
 * <p>Calls share a {@link StampedLock}'s read side, so they never wait for one another here; only {@code close}
 * takes the write side. Its cost (one atomic add on enter and one on exit) is the same for every peer.
 */
final class GuardedStore implements KeyValueStore, Compactable {

    /**
     * One engine's operations, called only while the store is open, never after {@link #close()}, and never during
     * it. Implementations are thread-safe: any number of threads call them at once.
     */
    interface Backend {
        /** The value stored under {@code key}, or null when there is none. */
        String get(String key) throws Exception;

        /** Stores {@code value} under {@code key}; returns once the engine's durability promise holds. */
        void put(String key, String value) throws Exception;

        /** Removes {@code key}, if present; returns once the engine's durability promise holds. */
        void delete(String key) throws Exception;

        /** Releases every resource: native handles, files, threads. Called exactly once. */
        void close() throws Exception;

        /** The engine's own call that reclaims dead records' space, as its API names it, or null if it has none. */
        default String compaction() {
            return null;
        }

        /** Runs {@link #compaction()} to completion; called only when that is not null. */
        default void compact() throws Exception {
            throw new UnsupportedOperationException("no compaction");
        }
    }

    /** What a call does, for {@link #call}; a lambda over the backend. */
    @FunctionalInterface
    private interface Call<T> {
        T run() throws Exception;
    }

    private final String engine;
    private final Path dir;
    private final Backend backend;
    private final StampedLock lock = new StampedLock();
    /** Written under the write side of {@link #lock}, read under either side. */
    private boolean closed;

    /**
     * @param engine  the engine's name, for messages
     * @param dir     the directory the store lives in, for messages
     * @param backend the engine's operations; this store now owns it and closes it
     */
    GuardedStore(String engine, Path dir, Backend backend) {
        this.engine = engine;
        this.dir = dir;
        this.backend = backend;
    }

    @Override
    public Optional<String> get(String key) {
        Objects.requireNonNull(key, "key is null");
        return Optional.ofNullable(call("get", () -> backend.get(key)));
    }

    @Override
    public void put(String key, String value) {
        Objects.requireNonNull(key, "key is null");
        Objects.requireNonNull(value, "value is null");
        call("put", () -> {
            backend.put(key, value);
            return null;
        });
    }

    @Override
    public void delete(String key) {
        Objects.requireNonNull(key, "key is null");
        call("delete", () -> {
            backend.delete(key);
            return null;
        });
    }

    @Override
    public Optional<String> compaction() {
        return Optional.ofNullable(backend.compaction());
    }

    /**
     * Runs the engine's compaction, like any other call: not during or after {@link #close()}.
     *
     * @throws UnsupportedOperationException when the engine has none
     */
    @Override
    public void compact() {
        if (backend.compaction() == null) {
            throw new UnsupportedOperationException(engine + " has no compaction call");
        }
        call("compact", () -> {
            backend.compact();
            return null;
        });
    }

    @Override
    public void close() {
        long stamp = lock.writeLock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            backend.close();
        } catch (Exception e) {
            throw Peers.failure(engine, "close", dir, e);
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    private <T> T call(String operation, Call<T> call) {
        long stamp = lock.readLock();
        try {
            if (closed) {
                throw new IllegalStateException(engine + " store in " + dir + " is closed");
            }
            try {
                return call.run();
            } catch (Exception e) {
                throw Peers.failure(engine, operation, dir, e);
            }
        } finally {
            lock.unlockRead(stamp);
        }
    }

    @Override
    public String toString() {
        return engine + " store in " + dir;
    }
}
