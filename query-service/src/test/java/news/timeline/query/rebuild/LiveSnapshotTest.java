package news.timeline.query.rebuild;

import com.zaxxer.hikari.HikariDataSource;
import news.timeline.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Connection;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A snapshot of the live database on both databases: once taken, it sees neither rows written afterwards nor
 * changes to rows it has seen, in any table, while the writers go on; the connection it used never goes back into
 * the pool.
 */
class LiveSnapshotTest {

    private static final String POSTGRES_URL = TestPostgres.url();

    private final String schema = "snapshot_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private HikariDataSource pool;
    private JdbcTemplate jdbc;

    @AfterEach
    void close() {
        if (pool.getJdbcUrl().startsWith("jdbc:postgresql:")) {
            jdbc.execute("DROP SCHEMA " + schema + " CASCADE");
        }
        pool.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "h2"})
    void aTakenSnapshotSeesTheDatabaseAsItWasWhileTheWritersGoOn(String database) throws Exception {
        open(database);
        jdbc.update("INSERT INTO consumed_offset VALUES ('events', 0, 10)");
        jdbc.update("INSERT INTO audit_entry VALUES ('t1', 1)");

        try (LiveSnapshot snapshot = LiveSnapshot.open(pool)) {
            snapshot.take();
            jdbc.update("UPDATE consumed_offset SET next_offset = 11");
            jdbc.update("INSERT INTO audit_entry VALUES ('t1', 2)");
            JdbcTemplate then = snapshot.jdbc();

            assertThat(then.queryForObject("SELECT next_offset FROM consumed_offset", Long.class)).isEqualTo(10);
            assertThat(then.queryForObject("SELECT COUNT(*) FROM audit_entry", Long.class))
                    .as("a table the snapshot had not read yet when the writers went on").isEqualTo(1);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_entry", Long.class)).isEqualTo(2);
        }

        // Hikari closes an evicted connection on a thread of its own
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(pool.getHikariPoolMXBean()
                .getTotalConnections()).as("the snapshot's connection was evicted")
                .isEqualTo(pool.getHikariPoolMXBean().getIdleConnections()));
        try (Connection next = pool.getConnection()) {
            assertThat(next.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
            assertThat(next.isReadOnly()).isFalse();
        }
    }

    private void open(String database) {
        boolean postgres = database.equals("postgres");
        if (postgres) {
            try (HikariDataSource admin = pool(POSTGRES_URL)) {
                new JdbcTemplate(admin).execute("CREATE SCHEMA " + schema);
            }
        }
        pool = pool(postgres ? POSTGRES_URL + "?currentSchema=" + schema : "jdbc:h2:mem:" + schema + ";DB_CLOSE_DELAY=-1");
        jdbc = new JdbcTemplate(pool);
        jdbc.execute("CREATE TABLE consumed_offset (topic VARCHAR(255), partition_no INTEGER, next_offset BIGINT)");
        jdbc.execute("CREATE TABLE audit_entry (timeline_id VARCHAR(64), sequence BIGINT)");
    }

    private static HikariDataSource pool(String url) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        pool.setUsername(url.startsWith("jdbc:postgresql:") ? "postgres" : "sa");
        pool.setMaximumPoolSize(3);
        return pool;
    }
}
