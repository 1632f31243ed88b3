package companion.bench.peers;

import companion.api.Durability;
import companion.api.KeyValueStore;
import companion.bench.engine.Engine;
import companion.bench.engine.EngineSettings;
import java.nio.file.Path;
import java.util.Map;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.type.StringDataType;

/**
 * H2's MVStore, the storage engine under the H2 SQL database, used here directly as a key-value store (no SQL):
 * copy-on-write B-trees in one append-mostly file. A commit serializes every changed page into a new chunk written
 * after the previous ones; a background thread later rewrites sparse chunks and frees old ones.
 *
 * <h2>Durability</h2>
 * A change to an {@code MVMap} lives only in memory until a commit writes it. MVStore's own auto-commit (a
 * background thread, about once a second) is far weaker than any of our three words, so the adapter commits after
 * every put and delete.
 * <ul>
 *   <li>{@code none}: {@code MVStore.commit()}. It returns once the new chunk has been written to the file channel,
 *       that is, handed to the OS; nothing is synced.
 *   <li>{@code sync}: {@code commit()} then {@code MVStore.sync()}, which is {@code FileChannel.force(true)}: an
 *       fsync after every write. When several threads write at once, one thread's commit may carry another's
 *       change; each still returns only after an fsync that follows its change.
 *   <li>{@code group}: not honoured. MVStore has no group commit: commits queue on its store lock, and each writer
 *       calls {@code sync()} on its own. Building group commit here would measure this adapter, not H2.
 * </ul>
 *
 * <h2>Concurrency</h2>
 * No adapter lock: an {@code MVMap} is safe for concurrent readers and writers (it swaps its root atomically), and
 * MVStore serializes commits itself.
 *
 * <h2>What the adapter simplifies</h2>
 * A commit per write is what our durability words demand, not how H2 is usually run: each commit writes a new
 * chunk (about 20 KiB for a 100-byte put: the changed pages, the chunk's own metadata, block alignment), where
 * auto-commit would batch a second of changes into one. MVStore keeps freed chunks for 45 s (its retention time,
 * so that a crash before the OS flushes never finds the previous version overwritten), so under a steady stream of
 * commits the file grows for 45 s and then levels off, at several GiB on a fast disk. That is H2's default
 * behaviour and is left alone. Everything else is MVStore's default too: the 16 MiB page cache (set explicitly,
 * at its default size), the 1 s background writer and its compaction, no compression. Keys and values are stored
 * by MVStore's {@code StringDataType}.
 */
public final class H2MvStoreEngine implements Engine {
    private static final String NAME = "h2";
    private static final String FILE = "store.mv.db";
    private static final int CACHE_MIB = 16;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public EngineSettings settings(Durability durability) {
        return switch (durability) {
            case GROUP -> EngineSettings.notHonoured(NAME, durability.word(), "MVStore has no group commit: commits"
                    + " queue on its store lock and every writer calls sync() (FileChannel.force) on its own");
            case NONE -> EngineSettings.honoured(NAME, durability.word(), common(
                    "MVStore.commit() after every put or delete: writes a chunk to the OS",
                    "never"));
            case SYNC -> EngineSettings.honoured(NAME, durability.word(), common(
                    "MVStore.commit() then MVStore.sync() after every put or delete",
                    "every write: FileChannel.force(true) after its commit"));
        };
    }

    private static Map<String, String> common(String commit, String fsync) {
        return EngineSettings.ordered(
                "API", "MVStore maps (no SQL)",
                "commit", commit,
                "fsync", fsync,
                "auto-commit", "background writer every 1 s (default; finds little left to write)",
                "retention time", "45 s (default): a freed chunk is reused only after 45 s, so with a chunk per"
                        + " write the file grows by ~20 KiB a write for 45 s before it levels off",
                "cache", CACHE_MIB + " MiB page cache (MVStore default, set explicitly)",
                "compression", "off (default)",
                "threads", "no adapter lock: MVMap is thread-safe, MVStore serializes commits");
    }

    @Override
    public KeyValueStore open(Path dir, Durability durability) {
        settings(durability).requireHonoured();
        MVStore store;
        try {
            store = new MVStore.Builder().fileName(dir.resolve(FILE).toString()).cacheSize(CACHE_MIB).open();
        } catch (MVStoreException e) {
            throw Peers.failure(NAME, "open", dir, e);
        }
        try {
            MVMap<String, String> map = store.openMap("kv", new MVMap.Builder<String, String>()
                    .keyType(StringDataType.INSTANCE).valueType(StringDataType.INSTANCE));
            store.commit(); // the new map's entry in MVStore's catalogue, so it is there after a kill
            return new GuardedStore(NAME, dir, new MvStore(store, map, durability == Durability.SYNC));
        } catch (MVStoreException e) {
            store.closeImmediately();
            throw Peers.failure(NAME, "open", dir, e);
        }
    }

    /** The operations on one open MVStore; it owns the store and closes it. */
    private record MvStore(MVStore store, MVMap<String, String> map, boolean fsync)
            implements GuardedStore.Backend {

        @Override
        public String get(String key) {
            return map.get(key);
        }

        @Override
        public void put(String key, String value) {
            map.put(key, value);
            persist();
        }

        @Override
        public void delete(String key) {
            map.remove(key);
            persist();
        }

        /** Writes whatever is uncommitted, this thread's change included, and fsyncs under {@code sync}. */
        private void persist() {
            store.commit();
            if (fsync) {
                store.sync();
            }
        }

        /** Commits anything left, stops the background writer and its executors, closes the file. */
        @Override
        public void close() {
            store.close();
        }
    }
}
