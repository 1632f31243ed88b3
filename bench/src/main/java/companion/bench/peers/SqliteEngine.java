package companion.bench.peers;

import companion.api.Durability;
import companion.api.KeyValueStore;
import companion.bench.engine.Engine;
import companion.bench.engine.EngineSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * SQLite (through xerial's sqlite-jdbc, which bundles the native library): the embedded SQL database, used here as
 * one table {@code kv(k TEXT PRIMARY KEY, v TEXT NOT NULL) WITHOUT ROWID}, so the table is itself the B-tree on
 * {@code k}, with no second index. The journal is a write-ahead log ({@code journal_mode=WAL}): a commit appends
 * the changed pages to {@code store.sqlite-wal}, and a checkpoint copies them into the database every 1000 pages.
 *
 * <h2>Durability</h2>
 * Autocommit: every put and delete is one statement and so one transaction. In WAL mode the
 * {@code synchronous} pragma alone decides when SQLite syncs:
 * <ul>
 *   <li>{@code none}: {@code synchronous=OFF}. A commit {@code write(2)}s its frames to the WAL file and never
 *       syncs: a killed process loses nothing (the WAL is replayed when the database is next opened), a power cut
 *       may.
 *   <li>{@code sync}: {@code synchronous=FULL}, the only WAL setting that syncs the WAL at every commit
 *       ({@code NORMAL} syncs only at checkpoints, so a power cut may lose recent commits).
 *   <li>{@code group}: not honoured. SQLite admits one writer at a time and each commit syncs the WAL on its own;
 *       it has no group commit.
 * </ul>
 *
 * <h2>Concurrency</h2>
 * A JDBC connection is not safe for concurrent use, and SQLite admits one writer at a time anyway, so every write
 * goes through one connection behind a lock (the lock replaces SQLite's busy-wait, which sleeps between retries).
 * Reads do not take it: they borrow a connection from a {@link SqliteReaders pool}, one per concurrent reader, and
 * WAL mode lets them read beside the writer.
 *
 * <h2>What the adapter simplifies</h2>
 * Every other setting is SQLite's default: {@code cache_size=-2000} (2 MiB per connection, set explicitly so the
 * bundled build cannot change it; reads past it come from the OS page cache), no memory mapping, automatic
 * checkpoints every 1000 pages. Statements are prepared once per connection and reused. Strings are stored as
 * SQLite TEXT (UTF-8).
 */
public final class SqliteEngine implements Engine {
    private static final String NAME = "sqlite";
    private static final String FILE = "store.sqlite";
    private static final String TABLE = "CREATE TABLE IF NOT EXISTS kv(k TEXT PRIMARY KEY, v TEXT NOT NULL)"
            + " WITHOUT ROWID";
    private static final int CACHE_SIZE = -2000; // negative: KiB, not pages

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public EngineSettings settings(Durability durability) {
        return switch (durability) {
            case GROUP -> EngineSettings.notHonoured(NAME, durability.word(), "SQLite admits one writer at a time"
                    + " and every commit syncs the WAL on its own; it has no group commit");
            case NONE -> EngineSettings.honoured(NAME, durability.word(), common("OFF",
                    "never: each commit write()s its WAL frames to the OS"));
            case SYNC -> EngineSettings.honoured(NAME, durability.word(), common("FULL",
                    "every commit: fsync of the WAL (and of the database at checkpoints)"));
        };
    }

    private static Map<String, String> common(String synchronous, String fsync) {
        return EngineSettings.ordered(
                "journal_mode", "WAL",
                "synchronous", synchronous,
                "fsync", fsync,
                "commit", "autocommit: one transaction per put or delete",
                "table", "kv(k TEXT PRIMARY KEY, v TEXT NOT NULL) WITHOUT ROWID",
                "statements", "prepared once per connection, reused",
                "cache_size", CACHE_SIZE + " (2 MiB per connection, SQLite default, set explicitly)",
                "wal_autocheckpoint", "1000 pages (default)",
                "threads", "writes: one connection behind an adapter lock (SQLite admits one writer, a JDBC"
                        + " connection is not thread-safe); reads: a pool, one connection per concurrent reader");
    }

    @Override
    public KeyValueStore open(Path dir, Durability durability) {
        settings(durability).requireHonoured();
        String url = "jdbc:sqlite:" + dir.resolve(FILE);
        String synchronous = durability == Durability.NONE ? "OFF" : "FULL";
        Connection writer = null;
        try {
            writer = DriverManager.getConnection(url);
            try (Statement setup = writer.createStatement()) {
                // journal_mode is stored in the file; synchronous and cache_size belong to this connection.
                expect(setup, "journal_mode", "WAL", "wal");
                expect(setup, "synchronous", synchronous, synchronous.equals("OFF") ? "0" : "2");
                setup.execute("PRAGMA cache_size = " + CACHE_SIZE);
                setup.execute(TABLE);
            }
            return new GuardedStore(NAME, dir, new SqliteBackend(writer, new SqliteReaders(url, CACHE_SIZE)));
        } catch (SQLException e) {
            closeQuietly(writer, e);
            throw Peers.failure(NAME, "open", dir, e);
        } catch (RuntimeException e) {
            closeQuietly(writer, e);
            throw e;
        }
    }

    /** Sets a pragma, reads it back, and refuses to run if SQLite did not take it (a silent fallback is unfair). */
    private static void expect(Statement setup, String pragma, String value, String expected) throws SQLException {
        setup.execute("PRAGMA " + pragma + " = " + value);
        try (ResultSet result = setup.executeQuery("PRAGMA " + pragma)) {
            String actual = result.next() ? result.getString(1) : null;
            if (!expected.equalsIgnoreCase(actual)) {
                throw new IllegalStateException(NAME + ": PRAGMA " + pragma + " = " + value + " did not take; it is "
                        + actual);
            }
        }
    }

    private static void closeQuietly(Connection connection, Exception failure) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                failure.addSuppressed(e);
            }
        }
    }
}
