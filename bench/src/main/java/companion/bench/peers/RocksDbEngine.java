package companion.bench.peers;

import companion.api.Durability;
import companion.api.KeyValueStore;
import companion.bench.engine.Engine;
import companion.bench.engine.EngineSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteOptions;

/**
 * RocksDB (through its official Java binding, rocksdbjni): Meta's log-structured merge tree. A write goes to a
 * write-ahead log (WAL) and an in-memory table (the memtable); full memtables are flushed to sorted files that
 * background threads compact.
 *
 * <h2>Durability</h2>
 * Every put or delete is its own write (a WriteBatch of one), with the WAL always on. What differs is
 * {@code WriteOptions.sync}:
 * <ul>
 *   <li>{@code none}: {@code sync=false}. With {@code manual_wal_flush=false} (the default) RocksDB hands the WAL
 *       bytes to the OS with {@code write(2)} before the write returns, and never fsyncs: a killed process loses
 *       nothing, a power cut may.
 *   <li>{@code group}: {@code sync=true}. Concurrent writers queue in RocksDB's write thread; the first becomes the
 *       leader, appends the whole group's records to the WAL and fdatasyncs once for all of them, then releases
 *       each. That is group commit, built into the engine.
 *   <li>{@code sync}: {@code sync=true} as well, and {@code max_write_batch_group_size_bytes=1}. A leader only
 *       admits followers while the group stays within its own size plus one eighth of that limit; with a limit of
 *       1 byte that is nobody, so every write is its own group with its own fdatasync, as {@code sync} means.
 *       Without it, {@code sync} with concurrent writers would quietly be {@code group}.
 * </ul>
 *
 * <h2>Concurrency</h2>
 * RocksDB is thread-safe: no lock in the adapter. Concurrent reads never block; concurrent writes are grouped
 * (above).
 *
 * <h2>What the adapter simplifies</h2>
 * Every other option is RocksDB's default (printed in {@link #settings}, checked against RocksDB's own OPTIONS and
 * LOG files by a test): the 32 MiB AutoHyperClockCache RocksDB creates when no block cache is configured, a 64 MiB
 * memtable, Snappy compression, no Bloom filter. No {@code BlockBasedTableConfig} is set on purpose: a fresh one
 * from rocksdbjni brings its own Java-side default, an 8 MiB LRU cache, a quarter of the engine's. Strings are
 * stored as their UTF-8 bytes.
 */
public final class RocksDbEngine implements Engine {
    private static final String NAME = "rocksdb";

    static {
        RocksDB.loadLibrary();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public EngineSettings settings(Durability durability) {
        String fsync = switch (durability) {
            case NONE -> "never";
            case GROUP -> "fdatasync of the WAL, one per write group (concurrent writers share it)";
            case SYNC -> "fdatasync of the WAL for every write (write groups of one)";
        };
        return EngineSettings.honoured(NAME, durability.word(), EngineSettings.ordered(
                "WriteOptions.sync", durability == Durability.NONE ? "false" : "true",
                "fsync", fsync,
                "WAL", "on; written to the OS before each write returns (manual_wal_flush=false, default)",
                "write grouping", durability == Durability.SYNC
                        ? "off (max_write_batch_group_size_bytes=1)"
                        : "on (max_write_batch_group_size_bytes=1 MiB, default)",
                "write batch", "1 (one WriteBatch per put or delete)",
                "block cache", "32 MiB AutoHyperClockCache (RocksDB's default when none is configured)",
                "memtable", "64 MiB write buffer (default)",
                "compression", "snappy (default)",
                "threads", "no adapter lock: RocksDB is thread-safe"));
    }

    @Override
    public KeyValueStore open(Path dir, Durability durability) {
        settings(durability).requireHonoured();
        Options options = new Options().setCreateIfMissing(true);
        if (durability == Durability.SYNC) {
            options.setMaxWriteBatchGroupSizeBytes(1);
        }
        WriteOptions writes = new WriteOptions().setSync(durability != Durability.NONE);
        try {
            RocksDB db = RocksDB.open(options, dir.toString());
            return new GuardedStore(NAME, dir, new Rocks(db, options, writes));
        } catch (RocksDBException e) {
            writes.close();
            options.close();
            throw Peers.failure(NAME, "open", dir, e);
        }
    }

    /** The operations on one open database; it owns the native handles it closes. */
    private record Rocks(RocksDB db, Options options, WriteOptions writes) implements GuardedStore.Backend {

        @Override
        public String get(String key) throws RocksDBException {
            byte[] value = db.get(utf8(key));
            return value == null ? null : new String(value, StandardCharsets.UTF_8);
        }

        @Override
        public void put(String key, String value) throws RocksDBException {
            db.put(writes, utf8(key), utf8(value));
        }

        @Override
        public void delete(String key) throws RocksDBException {
            db.delete(writes, utf8(key));
        }

        /** Compacts the whole key range into the bottom level, flushing the memtable first (RocksDB's default). */
        @Override
        public String compaction() {
            return "compactRange()";
        }

        @Override
        public void compact() throws RocksDBException {
            db.compactRange();
        }

        /** The database first (it still uses its options while shutting down), then the options it was built from. */
        @Override
        public void close() throws Exception {
            Peers.closeAll(db::closeE, writes, options);
        }

        private static byte[] utf8(String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
    }
}
