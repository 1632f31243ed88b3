package companion.bench.peers;

import companion.api.Durability;
import companion.api.KeyValueStore;
import companion.bench.engine.Engine;
import companion.bench.engine.EngineSettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.mapdb.DB;
import org.mapdb.DBException;
import org.mapdb.DBMaker;
import org.mapdb.HTreeMap;
import org.mapdb.Serializer;

/**
 * MapDB 3: Java collections (here {@code HTreeMap}, a concurrent hash tree with segment locks) over a record
 * store in one file. This adapter maps the file into memory, so a write lands in the OS page cache the moment
 * MapDB stores it.
 *
 * <h2>Durability</h2>
 * MapDB has two stores, and which one decides what a commit costs (read from MapDB 3.1.0's source,
 * {@code StoreDirect}, {@code StoreWAL}, {@code WriteAheadLog}):
 * <ul>
 *   <li>{@code none}: {@code StoreDirect} (transactions off) with {@code fileSyncDisable()}, and
 *       {@code DB.commit()} after every put and delete. A put writes straight into the mapped file; the commit only
 *       re-stamps the header checksum (without it, a file left by a killed process is refused as "not closed
 *       correctly") and syncs nothing. A killed process loses no acknowledged write; a process killed in the
 *       middle of a write leaves a file MapDB refuses to open, since nothing is atomic without transactions.
 *   <li>{@code sync}: {@code StoreWAL} ({@code transactionEnable()}) and {@code DB.commit()} after every put and
 *       delete. A commit writes the changes to a write-ahead log file and syncs it, copies them into the store file
 *       and syncs that, then deletes the log. Both files are mapped, so a sync is {@code msync}: one for the log,
 *       then one per 1 MiB slice of the store file (MapDB forces every slice, changed or not, so the count grows
 *       with the file).
 *   <li>{@code group}: not honoured. Every commit writes and syncs on its own; commits never share a sync.
 * </ul>
 * {@code StoreWAL} cannot give {@code none}: its log's {@code commit()} syncs unconditionally, and
 * {@code fileSyncDisable()} skips only the store file's sync.
 *
 * <h2>Concurrency</h2>
 * MapDB 3 has one transaction for the whole store, shared by all threads: a commit writes whatever is in the store
 * at that instant, and a put is several store updates (record, then index) that a concurrent commit could split.
 * So the adapter adds a lock: puts and deletes share it, each {@code commit()} holds it alone, and so always sees
 * whole puts. Reads take no lock.
 *
 * <h2>What the adapter simplifies</h2>
 * Memory-mapped files ({@code fileMmapEnable()}) replace MapDB's default {@code RandomAccessFile} volume, which does
 * a seek and a system call per 8-byte field under one global lock; MapDB's documentation recommends mapping for
 * speed, and leaving the default would benchmark {@code RandomAccessFile}. {@code cleanerHackEnable()} unmaps the
 * file at close rather than at some later garbage collection. MapDB 3 has no cache of its own: reads come from the
 * mapping, that is the OS page cache. Strings use {@code Serializer.STRING}.
 */
public final class MapDbEngine implements Engine {
    private static final String NAME = "mapdb";
    private static final String FILE = "store.mapdb";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public EngineSettings settings(Durability durability) {
        return switch (durability) {
            case GROUP -> EngineSettings.notHonoured(NAME, durability.word(), "MapDB has one global transaction"
                    + " and no group commit: every commit() writes and syncs its own write-ahead log");
            case NONE -> EngineSettings.honoured(NAME, durability.word(), common(
                    "StoreDirect (transactions off), fileSyncDisable()",
                    "DB.commit() after every put or delete: re-stamps the header checksum, writes nothing else",
                    "never"));
            case SYNC -> EngineSettings.honoured(NAME, durability.word(), common(
                    "StoreWAL (transactionEnable())",
                    "DB.commit() after every put or delete",
                    "every commit: msync of its write-ahead log, then of every 1 MiB slice of the store file"));
        };
    }

    private static Map<String, String> common(String store, String commit, String fsync) {
        return EngineSettings.ordered(
                "store", store,
                "commit", commit,
                "fsync", fsync,
                "map", "HTreeMap<String, String> (8 segments, default)",
                "volume", "memory-mapped file (fileMmapEnable(); the RandomAccessFile default is a syscall per field)",
                "cache", "none of its own (MapDB 3 has none): reads come from the mapping, i.e. the OS page cache",
                "threads", "adapter lock: writes share it, each commit() holds it alone (one global transaction)");
    }

    @Override
    public KeyValueStore open(Path dir, Durability durability) {
        settings(durability).requireHonoured();
        DBMaker.Maker maker = DBMaker.fileDB(dir.resolve(FILE).toFile()).fileMmapEnable().cleanerHackEnable();
        maker = durability == Durability.SYNC ? maker.transactionEnable() : maker.fileSyncDisable();
        DB db;
        try {
            db = maker.make();
        } catch (DBException e) {
            throw Peers.failure(NAME, "open", dir, e);
        }
        try {
            HTreeMap<String, String> map = db.hashMap("kv", Serializer.STRING, Serializer.STRING).createOrOpen();
            db.commit(); // the new map's entry in MapDB's catalogue
            return new GuardedStore(NAME, dir, new MapDb(db, map));
        } catch (DBException e) {
            db.close();
            throw Peers.failure(NAME, "open", dir, e);
        }
    }

    /** The operations on one open DB; it owns the DB and closes it. */
    private static final class MapDb implements GuardedStore.Backend {
        private final DB db;
        private final HTreeMap<String, String> map;
        /** Read side: a put or delete in progress. Write side: a commit, which must not split a put. */
        private final ReadWriteLock commitLock = new ReentrantReadWriteLock();

        MapDb(DB db, HTreeMap<String, String> map) {
            this.db = db;
            this.map = map;
        }

        @Override
        public String get(String key) {
            return map.get(key);
        }

        @Override
        public void put(String key, String value) {
            commitLock.readLock().lock();
            try {
                map.put(key, value);
            } finally {
                commitLock.readLock().unlock();
            }
            commit();
        }

        @Override
        public void delete(String key) {
            commitLock.readLock().lock();
            try {
                map.remove(key);
            } finally {
                commitLock.readLock().unlock();
            }
            commit();
        }

        /** Commits everything done so far, this thread's change included, with no write half done. */
        private void commit() {
            commitLock.writeLock().lock();
            try {
                db.commit();
            } finally {
                commitLock.writeLock().unlock();
            }
        }

        @Override
        public void close() {
            db.close();
        }
    }
}
