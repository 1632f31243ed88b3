package companion.bench.peers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link SqliteEngine}'s operations: writes on one connection behind a lock, reads through {@link SqliteReaders}.
 * The writer is in autocommit mode, so each {@code executeUpdate} is a transaction of its own, committed (and,
 * under {@code synchronous=FULL}, synced) before it returns.
 */
final class SqliteBackend implements GuardedStore.Backend {
    private final Connection writer;
    private final PreparedStatement upsert;
    private final PreparedStatement remove;
    private final SqliteReaders readers;
    /** Guards {@link #writer} and its statements: SQLite admits one writer, and a connection is not thread-safe. */
    private final ReentrantLock writeLock = new ReentrantLock();

    /**
     * @param writer  a connection with its pragmas set and the table created; this backend now owns it
     * @param readers the read pool on the same database; this backend now owns it
     */
    SqliteBackend(Connection writer, SqliteReaders readers) throws SQLException {
        this.writer = writer;
        this.readers = readers;
        this.upsert = writer.prepareStatement(
                "INSERT INTO kv(k, v) VALUES (?, ?) ON CONFLICT(k) DO UPDATE SET v = excluded.v");
        this.remove = writer.prepareStatement("DELETE FROM kv WHERE k = ?");
    }

    @Override
    public String get(String key) throws SQLException {
        return readers.get(key);
    }

    @Override
    public void put(String key, String value) throws SQLException {
        writeLock.lock();
        try {
            upsert.setString(1, key);
            upsert.setString(2, value);
            upsert.executeUpdate();
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public void delete(String key) throws SQLException {
        writeLock.lock();
        try {
            remove.setString(1, key);
            remove.executeUpdate();
        } finally {
            writeLock.unlock();
        }
    }

    /** Readers first, so that the writer's connection is the last one open: closing it checkpoints the WAL. */
    @Override
    public void close() throws Exception {
        Peers.closeAll(readers::close, upsert, remove, writer);
    }
}
