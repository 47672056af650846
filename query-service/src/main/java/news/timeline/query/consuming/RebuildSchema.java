package news.timeline.query.consuming;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.springframework.boot.autoconfigure.flyway.FlywayProperties;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Fresh projection tables for a rebuild, in a schema of their own, made by the same migrations as the live ones.
 * Written through a small pool of their own whose connections all default to that schema, so the projections'
 * SQL (unqualified table names) lands there and the live pool is never touched.
 */
final class RebuildSchema implements AutoCloseable {

    static final String NAME = "projection_rebuild";

    private final JdbcTemplate live;
    private final HikariDataSource dataSource;

    private RebuildSchema(JdbcTemplate live, HikariDataSource dataSource) {
        this.live = live;
        this.dataSource = dataSource;
    }

    /**
     * Drops what an earlier rebuild left, creates the schema and migrates it. The pool is configured as the live
     * one (database, account, driver properties) but for its schema and size: a connection for each writer.
     */
    static RebuildSchema create(JdbcTemplate live, HikariDataSource livePool, FlywayProperties migrations,
                                int writers) {
        live.execute("DROP SCHEMA IF EXISTS \"" + NAME + "\" CASCADE");
        live.execute("CREATE SCHEMA \"" + NAME + "\"");
        HikariConfig config = new HikariConfig();
        livePool.copyStateTo(config);
        config.setSchema(NAME);
        config.setPoolName("projection-rebuild");
        config.setMaximumPoolSize(Math.max(2, writers));
        config.setMinimumIdle(0);
        boolean postgres = config.getJdbcUrl().startsWith("jdbc:postgresql:");
        if (postgres) {
            // a rebuild that dies is started again from the beginning: its commits need not wait for the disk
            config.setConnectionInitSql("SET synchronous_commit = off");
        }
        HikariDataSource dataSource = new HikariDataSource(config);
        Flyway.configure().dataSource(dataSource).schemas(NAME)
                .locations(migrations.getLocations().toArray(String[]::new)).load().migrate();
        if (postgres) {
            unlogged(live);
        }
        return new RebuildSchema(live, dataSource);
    }

    /**
     * PostgreSQL writes the rebuilt tables without a write-ahead log, which would otherwise cost as much as the
     * rows themselves; a crash empties them, and a rebuild is then simply run again. The switch-over copies them
     * into the live, logged tables.
     */
    private static void unlogged(JdbcTemplate live) {
        ProjectionChecksum.TABLES.keySet().forEach(table ->
                live.execute("ALTER TABLE " + ProjectionChecksum.qualified(NAME, table) + " SET UNLOGGED"));
    }

    HikariDataSource dataSource() {
        return dataSource;
    }

    /** The rebuilt tables' rows replace the live ones', table by table, in the caller's transaction. */
    void copyIntoLive() {
        for (String table : ProjectionChecksum.TABLES.keySet()) {
            live.update("DELETE FROM " + table);
            live.update("INSERT INTO " + table + " SELECT * FROM " + ProjectionChecksum.qualified(NAME, table));
        }
    }

    @Override
    public void close() {
        dataSource.close();
        live.execute("DROP SCHEMA IF EXISTS \"" + NAME + "\" CASCADE");
    }
}
