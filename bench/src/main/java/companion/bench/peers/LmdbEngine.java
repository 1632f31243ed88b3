package companion.bench.peers;

import companion.api.Durability;
import companion.api.KeyValueStore;
import companion.bench.engine.Engine;
import companion.bench.engine.EngineSettings;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.LmdbException;
import org.lmdbjava.Txn;

/**
 * LMDB (through lmdbjava): a copy-on-write B+tree in one memory-mapped file. Readers see a snapshot and never
 * block; one write transaction runs at a time, and its commit publishes a new root by rewriting one of two meta
 * pages.
 *
 * <h2>Durability</h2>
 * Every put or delete is its own write transaction, committed before the call returns. Without
 * {@code MDB_WRITEMAP}, a commit {@code pwrite(2)}s the dirty pages and then the meta page into the file, so the OS
 * always holds a committed transaction.
 * <ul>
 *   <li>{@code none}: {@code MDB_NOSYNC | MDB_NOMETASYNC}. The commit writes to the OS and syncs nothing: a killed
 *       process loses nothing, a power cut may lose the last transactions (LMDB keeps the file consistent).
 *   <li>{@code sync}: the default flags. Each commit fdatasyncs the data pages, then writes the meta page through a
 *       second descriptor opened {@code O_DSYNC}, so the meta write is itself synchronous.
 *   <li>{@code group}: not honoured. LMDB admits one writer at a time (a mutex in its lock file); concurrent writers
 *       wait for it, and each commit syncs on its own. There is nothing to share.
 * </ul>
 *
 * <h2>Concurrency</h2>
 * No adapter lock: LMDB serializes writers itself, and each {@code get} runs in its own read transaction.
 *
 * <h2>What the adapter simplifies</h2>
 * LMDB has no cache of its own: reads go through the mapping to the OS page cache. The map size is fixed at open
 * (lmdbjava's default is 1 MiB, so it must be raised); 64 GiB reserves address space only, the file grows as data
 * is written. LMDB limits keys to 1..511 bytes, so an empty key or a longer one is an
 * {@link IllegalArgumentException} here, not a stored key: the one place a peer refuses what the course's store
 * accepts. Strings are stored as their UTF-8 bytes.
 */
public final class LmdbEngine implements Engine {
    private static final String NAME = "lmdb";
    private static final long MAP_SIZE = 64L << 30;
    private static final int MAX_READERS = 126; // LMDB's default, named so the settings can print it

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public EngineSettings settings(Durability durability) {
        return switch (durability) {
            case GROUP -> EngineSettings.notHonoured(NAME, durability.word(), "LMDB runs one write transaction at a"
                    + " time and every commit syncs on its own; concurrent writers queue for its writer mutex and"
                    + " never share a sync");
            case NONE -> EngineSettings.honoured(NAME, durability.word(), common(
                    "MDB_NOSYNC | MDB_NOMETASYNC",
                    "never: each commit pwrite()s its pages and meta page to the OS"));
            case SYNC -> EngineSettings.honoured(NAME, durability.word(), common(
                    "none (defaults)",
                    "every commit: fdatasync of the data pages, then the meta page written O_DSYNC"));
        };
    }

    private static Map<String, String> common(String flags, String fsync) {
        return EngineSettings.ordered(
                "env flags", flags,
                "fsync", fsync,
                "commit", "one write transaction per put or delete",
                "map size", (MAP_SIZE >> 30) + " GiB (address space; the file grows as used)",
                "cache", "none of its own: reads go through mmap to the OS page cache",
                "max readers", MAX_READERS + " (default)",
                "threads", "no adapter lock: LMDB serializes writers itself; readers never block",
                "keys", "1 to 511 bytes of UTF-8 (LMDB's limit)");
    }

    @Override
    public KeyValueStore open(Path dir, Durability durability) {
        settings(durability).requireHonoured();
        EnvFlags[] flags = durability == Durability.NONE
                ? new EnvFlags[] {EnvFlags.MDB_NOSYNC, EnvFlags.MDB_NOMETASYNC}
                : new EnvFlags[0];
        Env<ByteBuffer> env;
        try {
            env = Env.create().setMapSize(MAP_SIZE).setMaxDbs(1).setMaxReaders(MAX_READERS)
                    .open(dir.toFile(), flags);
        } catch (LmdbException e) {
            throw Peers.failure(NAME, "open", dir, e);
        }
        try {
            Dbi<ByteBuffer> dbi = env.openDbi("kv", DbiFlags.MDB_CREATE);
            return new GuardedStore(NAME, dir, new Lmdb(env, dbi));
        } catch (LmdbException e) {
            env.close();
            throw Peers.failure(NAME, "open", dir, e);
        }
    }

    /** The operations on one open environment; it owns the environment and closes it. */
    private static final class Lmdb implements GuardedStore.Backend {
        private final Env<ByteBuffer> env;
        private final Dbi<ByteBuffer> dbi;
        private final int maxKeyBytes;
        /**
         * lmdbjava's fast buffer proxy passes a buffer's native address to LMDB, so keys must sit in direct buffers.
         * Allocating one per call costs more than many an LMDB read; one per thread is reused instead.
         */
        private final ThreadLocal<ByteBuffer> keyBuffers;

        Lmdb(Env<ByteBuffer> env, Dbi<ByteBuffer> dbi) {
            this.env = env;
            this.dbi = dbi;
            this.maxKeyBytes = env.getMaxKeySize();
            this.keyBuffers = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(maxKeyBytes));
        }

        @Override
        public String get(String key) {
            ByteBuffer keyBuffer = encodeKey(key);
            try (Txn<ByteBuffer> txn = env.txnRead()) {
                ByteBuffer found = dbi.get(txn, keyBuffer);
                if (found == null) {
                    return null;
                }
                // found points into the map and is valid only inside this transaction: copy it out first.
                byte[] bytes = new byte[found.remaining()];
                found.get(bytes);
                return new String(bytes, StandardCharsets.UTF_8);
            }
        }

        @Override
        public void put(String key, String value) {
            ByteBuffer keyBuffer = encodeKey(key);
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            try (Txn<ByteBuffer> txn = env.txnWrite()) {
                // MDB_RESERVE: LMDB makes room in the page and we copy the value straight into it, which spares a
                // direct buffer of the value's size (values may be megabytes).
                dbi.reserve(txn, keyBuffer, bytes.length).put(bytes);
                txn.commit();
            }
        }

        @Override
        public void delete(String key) {
            ByteBuffer keyBuffer = encodeKey(key);
            try (Txn<ByteBuffer> txn = env.txnWrite()) {
                dbi.delete(txn, keyBuffer);
                txn.commit();
            }
        }

        @Override
        public void close() {
            env.close();
        }

        /** The key's UTF-8 bytes in this thread's direct buffer, ready for LMDB. */
        private ByteBuffer encodeKey(String key) {
            byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
            if (bytes.length == 0 || bytes.length > maxKeyBytes) {
                throw new IllegalArgumentException("lmdb keys must be 1 to " + maxKeyBytes
                        + " bytes of UTF-8; this one is " + bytes.length);
            }
            ByteBuffer buffer = keyBuffers.get();
            buffer.clear();
            buffer.put(bytes).flip();
            return buffer;
        }
    }
}
