package news.timeline.query.rebuild;

import com.zaxxer.hikari.HikariDataSource;
import news.timeline.query.store.Databases;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The live database as it stood at one moment (a read-only snapshot transaction on one pooled connection, evicted
 * when done): a rebuild compares checksums in it without holding the live projection still while it reads.
 */
final class LiveSnapshot implements AutoCloseable {

    private final HikariDataSource pool;
    private final Connection connection;

    private LiveSnapshot(HikariDataSource pool, Connection connection) {
        this.pool = pool;
        this.connection = connection;
    }

    static LiveSnapshot open(HikariDataSource pool) throws SQLException {
        Connection connection = pool.getConnection();
        try (Statement statement = connection.createStatement()) {
            if (Databases.postgres(connection)) {
                connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            } else {
                statement.execute("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL SNAPSHOT");
            }
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            return new LiveSnapshot(pool, connection);
        } catch (SQLException | RuntimeException e) {
            pool.evictConnection(connection);
            throw e;
        }
    }

    /** Fixes the snapshot: from here on, every read sees the database as it is now. */
    void take() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeQuery("SELECT COUNT(*) FROM consumed_offset").close();
        }
    }

    /** Reads in the snapshot. */
    JdbcTemplate jdbc() {
        return new JdbcTemplate(new SingleConnectionDataSource(connection, true));
    }

    @Override
    public void close() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // a read-only transaction: nothing to undo, and the connection is discarded next
        }
        pool.evictConnection(connection);
    }
}
