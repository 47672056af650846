package db.query;

import news.timeline.testing.TestPostgres;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The projections' migrations on both databases: on PostgreSQL every id column compares as bytes, alike. */
class IdentifiersCompareAsBytesTest {

    private static final String POSTGRES_URL = TestPostgres.url();

    private final String schema = "migrated_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private JdbcTemplate postgres;

    @AfterEach
    void dropSchema() {
        if (postgres != null) {
            postgres.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    @Test
    void onPostgresqlEveryIdColumnComparesAsBytesAndTablesJoinOnThem() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(POSTGRES_URL, "postgres", "");
        postgres = new JdbcTemplate(dataSource);
        migrate(dataSource);

        assertThat(postgres.queryForList("""
                SELECT table_name || '.' || column_name FROM information_schema.columns
                WHERE table_schema = ? AND column_name LIKE '%\\_id'
                  AND data_type = 'character varying' AND collation_name IS DISTINCT FROM 'C'""",
                String.class, schema)).isEmpty();
        assertThat(postgres.queryForObject("""
                SELECT COUNT(*) FROM %1$s.timeline_update u JOIN %1$s.timeline t ON t.timeline_id = u.timeline_id
                JOIN %1$s.timeline_position p ON p.timeline_id = t.timeline_id
                JOIN %1$s.audit_entry a ON a.timeline_id = u.timeline_id AND a.update_id = t.pinned_update_id"""
                .formatted(schema), Long.class)).isZero();
    }

    @Test
    void onH2EveryMigrationRunsAndThisOneChangesNothing() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource("jdbc:h2:mem:" + schema + ";DB_CLOSE_DELAY=-1");

        MigrateResult result = migrate(dataSource);

        assertThat(result.targetSchemaVersion).isEqualTo("13");
        assertThat(new JdbcTemplate(dataSource).queryForObject("""
                SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS
                WHERE TABLE_SCHEMA = ? AND TABLE_NAME = 'AUDIT_ENTRY' AND COLUMN_NAME = 'UPDATE_ID'
                  AND DATA_TYPE = 'CHARACTER VARYING'""",
                Integer.class, schema)).isEqualTo(1);
    }

    private MigrateResult migrate(DriverManagerDataSource dataSource) {
        return Flyway.configure().dataSource(dataSource).schemas(schema).locations("classpath:db/query").load()
                .migrate();
    }
}
