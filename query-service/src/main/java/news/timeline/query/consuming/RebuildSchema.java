package news.timeline.query.consuming;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.springframework.boot.autoconfigure.flyway.FlywayProperties;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Fresh projection tables for a rebuild, in a schema of their own, made by the same migrations as the live ones.
 * Written through a small pool of their own whose connections all default to that schema, so the projections'
 * SQL (unqualified table names) lands there and the live pool is never touched.
 */
final class RebuildSchema implements AutoCloseable {

    static final String NAME = "projection_rebuild";
    /** Where PostgreSQL's replaced live tables go at the switch-over; dropped with the rebuild's schema. */
    static final String RETIRED = "projection_retired";

    private final JdbcTemplate live;
    private final HikariDataSource dataSource;
    private final boolean postgres;

    private RebuildSchema(JdbcTemplate live, HikariDataSource dataSource, boolean postgres) {
        this.live = live;
        this.dataSource = dataSource;
        this.postgres = postgres;
    }

    /**
     * Drops what an earlier rebuild left, creates the schema and migrates it. The pool is configured as the live
     * one (database, account, driver properties) but for its schema and size: a connection for each writer.
     */
    static RebuildSchema create(JdbcTemplate live, HikariDataSource livePool, FlywayProperties migrations,
                                int writers) {
        dropSchemas(live);
        live.execute("CREATE SCHEMA \"" + NAME + "\"");
        HikariConfig config = new HikariConfig();
        livePool.copyStateTo(config);
        config.setSchema(NAME);
        config.setPoolName("projection-rebuild");
        config.setMaximumPoolSize(Math.max(2, writers));
        config.setMinimumIdle(0);
        boolean postgres = Boolean.TRUE.equals(live.execute((ConnectionCallback<Boolean>) Databases::postgres));
        if (postgres) {
            // a rebuild that dies is started again from the beginning: its commits need not wait for the disk
            config.setConnectionInitSql("SET synchronous_commit = off");
        }
        HikariDataSource dataSource = new HikariDataSource(config);
        Flyway.configure().dataSource(dataSource).schemas(NAME)
                .locations(migrations.getLocations().toArray(String[]::new)).load().migrate();
        if (postgres) {
            unlogged(live);
            live.execute("CREATE SCHEMA \"" + RETIRED + "\"");
        }
        return new RebuildSchema(live, dataSource, postgres);
    }

    /**
     * PostgreSQL writes the rebuilt tables without a write-ahead log, which would otherwise cost as much as the
     * rows themselves; a crash empties them, and a rebuild is then simply run again. They are made logged before
     * they take over ({@link #prepareToReplaceLive}).
     */
    private static void unlogged(JdbcTemplate live) {
        ProjectionChecksum.TABLES.keySet().forEach(table ->
                live.execute("ALTER TABLE " + ProjectionChecksum.qualified(NAME, table) + " SET UNLOGGED"));
    }

    HikariDataSource dataSource() {
        return dataSource;
    }

    /**
     * Readies the rebuilt tables to take over while the live ones keep serving and consuming. On PostgreSQL they are
     * made logged (a rewrite into the write-ahead log, as every table that must survive a crash is written) and
     * analyzed for the planner, so that the switch-over itself only moves tables. Nothing on H2, which copies.
     */
    void prepareToReplaceLive() {
        if (postgres) {
            ProjectionChecksum.TABLES.keySet().forEach(table -> {
                live.execute("ALTER TABLE " + ProjectionChecksum.qualified(NAME, table) + " SET LOGGED");
                live.execute("ANALYZE " + ProjectionChecksum.qualified(NAME, table));
            });
        }
    }

    /**
     * The rebuilt tables replace the live ones, in the caller's transaction. On PostgreSQL the live tables move out
     * to {@link #RETIRED} and the rebuilt ones move in under the same names: the time of taking each table's lock,
     * whatever their size (readers' statements prepared on the old tables are planned again on the new ones).
     * H2 copies the rows over, table by table.
     */
    void replaceLive() {
        if (!postgres) {
            for (String table : ProjectionChecksum.TABLES.keySet()) {
                live.update("DELETE FROM " + table);
                live.update("INSERT INTO " + table + " SELECT * FROM " + ProjectionChecksum.qualified(NAME, table));
            }
            return;
        }
        String liveSchema = live.queryForObject("SELECT current_schema()", String.class);
        // a reader's statement in the way is waited for this long; a lock conflict rolls the swap back whole
        live.execute("SET LOCAL lock_timeout = '5s'");
        for (String table : ProjectionChecksum.TABLES.keySet()) {
            move(ProjectionChecksum.qualified(liveSchema, table), RETIRED);
            move(ProjectionChecksum.qualified(NAME, table), liveSchema);
        }
    }

    private void move(String table, String schema) {
        live.execute("ALTER TABLE " + table + " SET SCHEMA \"" + schema + "\"");
    }

    @Override
    public void close() {
        dataSource.close();
        dropSchemas(live);
    }

    private static void dropSchemas(JdbcTemplate live) {
        live.execute("DROP SCHEMA IF EXISTS \"" + NAME + "\" CASCADE");
        live.execute("DROP SCHEMA IF EXISTS \"" + RETIRED + "\" CASCADE");
    }
}
