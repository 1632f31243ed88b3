package companion.bench.peers;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;

/**
 * SQLite's readers for {@link SqliteEngine}: a pool of connections, each with its {@code SELECT} prepared once. A
 * {@code get} borrows one, so concurrent readers never share a connection (a JDBC connection is not thread-safe)
 * and never wait for the writer (WAL mode gives each statement a snapshot of the last commit). The pool grows to
 * the number of threads reading at once and no further.
 */
final class SqliteReaders {
    private final String url;
    private final int cacheSize;
    /** Connections not in use; the most recently returned is taken first, so its pages are still warm. */
    private final ConcurrentLinkedDeque<Reader> idle = new ConcurrentLinkedDeque<>();
    /** Every connection opened, to close them all. */
    private final Queue<Reader> all = new ConcurrentLinkedQueue<>();

    /**
     * @param url       the JDBC URL of the database, whose journal mode is already WAL
     * @param cacheSize the {@code cache_size} pragma each connection gets, like the writer's
     */
    SqliteReaders(String url, int cacheSize) {
        this.url = url;
        this.cacheSize = cacheSize;
    }

    /** The value of {@code key}, or null, read on a borrowed connection in its own autocommit transaction. */
    String get(String key) throws SQLException {
        Reader reader = idle.pollFirst();
        if (reader == null) {
            reader = open();
        }
        try {
            reader.select().setString(1, key);
            try (ResultSet row = reader.select().executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        } finally {
            idle.offerFirst(reader);
        }
    }

    private Reader open() throws SQLException {
        Connection connection = DriverManager.getConnection(url);
        try {
            try (Statement setup = connection.createStatement()) {
                setup.execute("PRAGMA cache_size = " + cacheSize);
            }
            Reader reader = new Reader(connection, connection.prepareStatement("SELECT v FROM kv WHERE k = ?"));
            all.add(reader);
            return reader;
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    /** Closes every connection; the caller guarantees that no {@code get} is running. */
    void close() throws Exception {
        AutoCloseable[] resources = all.stream()
                .flatMap(reader -> Stream.<AutoCloseable>of(reader.select(), reader.connection()))
                .toArray(AutoCloseable[]::new);
        all.clear();
        idle.clear();
        Peers.closeAll(resources);
    }

    private record Reader(Connection connection, PreparedStatement select) {
    }
}
