package news.timeline.query.rebuild;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import news.timeline.query.store.Databases;
import news.timeline.query.store.Table;
import org.flywaydb.core.Flyway;
import org.springframework.boot.autoconfigure.flyway.FlywayProperties;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Fresh tables for a rebuild, made by the same migrations in a schema of their own and written through a pool whose
 * connections default to it. Only the declared tables ({@link news.timeline.query.store.DeclaredTables}) are
 * unlogged, stripped of indexes and swapped in.
 */
final class RebuildSchema implements AutoCloseable {

    static final String NAME = "projection_rebuild";
    /** Where PostgreSQL's replaced live tables go at the switch-over; dropped with the rebuild's schema. */
    static final String RETIRED = "projection_retired";

    private final JdbcTemplate live;
    private final List<Table> tables;
    private final HikariDataSource dataSource;
    private final boolean postgres;
    private final List<DeferredIndex> deferred;
    private final int writers;

    /**
     * An index the first pass does without: its statement to build it again, and to drop it. A key is a
     * constraint, dropped and added with its table.
     */
    private record DeferredIndex(String build, String drop) {
    }

    private RebuildSchema(JdbcTemplate live, List<Table> tables, HikariDataSource dataSource, boolean postgres,
                          List<DeferredIndex> deferred, int writers) {
        this.live = live;
        this.tables = tables;
        this.dataSource = dataSource;
        this.postgres = postgres;
        this.deferred = deferred;
        this.writers = writers;
    }

    /**
     * Drops what an earlier rebuild left, creates the schema and migrates it. The pool is configured as the live
     * one (database, account, driver properties) but for its schema and size: a connection for each writer.
     */
    static RebuildSchema create(JdbcTemplate live, List<Table> tables, HikariDataSource livePool,
                                FlywayProperties migrations, int writers) {
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
            // a rebuild that dies is run again: its commits need not wait for the disk. Its statements find rows by
            // primary key only (see deferIndexes), so a plan cached while the tables were empty stays right
            config.setConnectionInitSql("SET synchronous_commit = off; SET plan_cache_mode = auto");
        }
        HikariDataSource dataSource = new HikariDataSource(config);
        Flyway.configure().dataSource(dataSource).schemas(NAME)
                .locations(migrations.getLocations().toArray(String[]::new)).load().migrate();
        List<DeferredIndex> deferred = List.of();
        if (postgres) {
            unlogged(live, tables);
            deferred = deferIndexes(live, tables);
            live.execute("CREATE SCHEMA \"" + RETIRED + "\"");
        }
        return new RebuildSchema(live, tables, dataSource, postgres, deferred, writers);
    }

    /**
     * Drops what no write of the first pass looks anything up in (every index of an append-only table, every index but
     * the primary key elsewhere), to build each once at the end with one sort instead of row by row.
     */
    private static List<DeferredIndex> deferIndexes(JdbcTemplate live, List<Table> tables) {
        Map<String, Table> declared = tables.stream().collect(Collectors.toMap(Table::name, Function.identity()));
        List<DeferredIndex> deferred = new ArrayList<>();
        live.query("""
                SELECT t.relname AS table_name, i.relname AS index_name, x.indisprimary AS is_primary,
                       c.conname AS constraint_name, pg_get_constraintdef(c.oid) AS constraint_def,
                       pg_get_indexdef(i.oid) AS index_def
                FROM pg_index x
                JOIN pg_class i ON i.oid = x.indexrelid
                JOIN pg_class t ON t.oid = x.indrelid
                JOIN pg_namespace n ON n.oid = t.relnamespace
                LEFT JOIN pg_constraint c ON c.conindid = i.oid AND c.conrelid = t.oid
                WHERE n.nspname = ?""", (RowCallbackHandler) rs -> {
            String table = rs.getString("table_name");
            if (!declared.containsKey(table) || !declared.get(table).isAppendOnly() && rs.getBoolean("is_primary")) {
                return;
            }
            String qualified = ProjectionChecksum.qualified(NAME, table);
            String constraint = rs.getString("constraint_name");
            deferred.add(constraint == null
                    ? new DeferredIndex(rs.getString("index_def"),
                    "DROP INDEX \"" + NAME + "\"." + rs.getString("index_name"))
                    : new DeferredIndex("ALTER TABLE " + qualified + " ADD CONSTRAINT " + constraint + " "
                    + rs.getString("constraint_def"), "ALTER TABLE " + qualified + " DROP CONSTRAINT " + constraint));
        }, NAME);
        deferred.forEach(index -> live.execute(index.drop()));
        return deferred;
    }

    /**
     * Builds the deferred indexes one after another on one connection, each sorted by PostgreSQL's parallel workers
     * (one per writer) with memory enough to sort most of a table's keys at once.
     */
    void buildDeferredIndexes() {
        if (deferred.isEmpty()) {
            return; // H2's tables keep their indexes
        }
        new JdbcTemplate(dataSource).execute((ConnectionCallback<Void>) connection -> {
            try (var statement = connection.createStatement()) {
                statement.execute("SET maintenance_work_mem = '256MB'");
                statement.execute("SET max_parallel_maintenance_workers = " + writers);
                for (DeferredIndex index : deferred) {
                    statement.execute(index.build());
                }
                statement.execute("RESET maintenance_work_mem");
                statement.execute("RESET max_parallel_maintenance_workers");
            }
            return null;
        });
    }

    /**
     * PostgreSQL writes the rebuilt tables without a write-ahead log; a crash empties them, and the rebuild is run
     * again. They are made logged before they take over ({@link #prepareToReplaceLive}).
     */
    private static void unlogged(JdbcTemplate live, List<Table> tables) {
        tables.forEach(table ->
                live.execute("ALTER TABLE " + ProjectionChecksum.qualified(NAME, table.name()) + " SET UNLOGGED"));
    }

    HikariDataSource dataSource() {
        return dataSource;
    }

    /**
     * Readies the rebuilt tables while the live ones go on: on PostgreSQL made logged and analyzed, so that the switch
     * only moves tables. Nothing on H2, which copies.
     */
    void prepareToReplaceLive() {
        if (postgres) {
            tables.forEach(table -> {
                live.execute("ALTER TABLE " + ProjectionChecksum.qualified(NAME, table.name()) + " SET LOGGED");
                live.execute("ANALYZE " + ProjectionChecksum.qualified(NAME, table.name()));
            });
        }
    }

    /**
     * The rebuilt tables replace the live ones, in the caller's transaction: on PostgreSQL they are moved between
     * schemas (a lock each, whatever their size), on H2 their rows are copied.
     */
    void replaceLive() {
        if (!postgres) {
            for (Table table : tables) {
                live.update("DELETE FROM " + table.name());
                live.update("INSERT INTO " + table.name() + " (" + table.columnList() + ") SELECT "
                        + table.columnList() + " FROM " + ProjectionChecksum.qualified(NAME, table.name()));
            }
            return;
        }
        String liveSchema = live.queryForObject("SELECT current_schema()", String.class);
        // a reader's statement in the way is waited for this long; a lock conflict rolls the swap back whole
        live.execute("SET LOCAL lock_timeout = '5s'");
        for (Table table : tables) {
            move(ProjectionChecksum.qualified(liveSchema, table.name()), RETIRED);
            move(ProjectionChecksum.qualified(NAME, table.name()), liveSchema);
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
