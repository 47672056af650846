package news.timeline.query.consuming;

import news.timeline.query.consuming.CopyInserts.ColumnType;
import news.timeline.query.consuming.CopyInserts.Command;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The projections' writes for one batch of events, sent to the database together when the batch is done instead
 * of one round trip per statement. Projections only write, each statement touches one table, and nothing orders
 * writes across tables; so the writes are sent table by table. Within a table the inserts go first, then the
 * updates and deletes in the order they were made: a projection inserts a row before it changes it (see
 * {@link Projection}), so an insert never depends on a change made before it, and the batch's new rows (most of
 * its writes) go as one run however the changes interleave with them. Each run of the same statement is one
 * JDBC batch, or one COPY.
 *
 * <p>An update of a row inserted in the same batch, by the row's whole primary key, is made to the values waiting
 * to be inserted (see {@link RowUpdate}): a post corrected within the same batch (a rebuild's, a catch-up's) is
 * inserted once as it ends up, not inserted then updated. Until, in that table, a change comes that cannot be made
 * so: the changes after it must follow it.
 */
class BatchedWrites extends JdbcTemplate {

    private static final Pattern TABLE = Pattern.compile("^\\s*(INSERT\\s+INTO|UPDATE|DELETE\\s+FROM)\\s+(\\w+)",
            Pattern.CASE_INSENSITIVE);

    private final Map<String, TableWrites> pending = new LinkedHashMap<>();
    /** Each distinct statement, read once: the projections use a handful, each thousands of times a batch. */
    private final Map<String, Statement> statements = new HashMap<>();
    /** The column types of each INSERT that can be a COPY, asked of the database once; none if one is not known. */
    private final Map<String, Optional<List<ColumnType>>> copyTypes = new HashMap<>();
    /** Each table's primary key columns, in lower case; none when it has no primary key. */
    private final Map<String, List<String>> primaryKeys = new HashMap<>();
    private Boolean postgres;

    private record Write(String sql, Object[] arguments) {
    }

    /**
     * What a statement writes: its table, whether it inserts, its COPY when it inserts parameters only (and so the
     * columns it fills), and its shape when it is a {@link RowUpdate}.
     */
    private record Statement(String table, boolean insert, Optional<Command> copy, Optional<RowUpdate> rowUpdate) {

        static Statement of(String sql) {
            Matcher statement = TABLE.matcher(sql);
            if (!statement.find()) {
                throw new IllegalArgumentException("a projection may only insert, update or delete: " + sql);
            }
            return new Statement(statement.group(2).toLowerCase(Locale.ROOT),
                    statement.group(1).toUpperCase(Locale.ROOT).startsWith("INSERT"), CopyInserts.command(sql),
                    RowUpdate.of(sql));
        }
    }

    /** An inserted row's values, still to be sent, and the columns they are for. */
    private record PendingRow(Object[] values, List<String> columns) {
    }

    /**
     * One table's writes: its inserts, and its other writes, each in the order they were made; and the rows
     * inserted, by primary key, as long as changes may still be made to them before they are sent.
     */
    private static final class TableWrites {

        private final List<Write> inserts = new ArrayList<>();
        private final List<Write> changes = new ArrayList<>();
        private final List<String> primaryKey;
        private Map<List<Object>, PendingRow> insertedRows;

        TableWrites(List<String> primaryKey) {
            this.primaryKey = primaryKey;
            this.insertedRows = primaryKey.isEmpty() ? null : new HashMap<>();
        }

        void insert(Write write, Statement statement) {
            inserts.add(write);
            if (insertedRows != null && statement.copy().isPresent()
                    && statement.copy().get().columns().containsAll(primaryKey)) {
                List<String> columns = statement.copy().get().columns();
                List<Object> key = new ArrayList<>(primaryKey.size());
                primaryKey.forEach(column -> key.add(write.arguments()[columns.indexOf(column)]));
                insertedRows.put(key, new PendingRow(write.arguments(), columns));
            }
        }

        void change(Write write, Statement statement) {
            if (insertedRows != null) {
                Optional<RowUpdate> update = statement.rowUpdate().filter(rowUpdate -> rowUpdate.by(primaryKey));
                PendingRow row = update
                        .map(rowUpdate -> insertedRows.get(rowUpdate.key(primaryKey, write.arguments())))
                        .orElse(null);
                if (row != null && update.get().applyTo(row.values(), row.columns(), write.arguments())) {
                    return;
                }
                if (update.isEmpty() || row != null) {
                    insertedRows = null; // it may change an inserted row: what comes after must follow it
                }
            }
            changes.add(write);
        }
    }

    BatchedWrites(DataSource dataSource) {
        super(dataSource);
    }

    /** Held until {@link #flush()}; the count it answers means nothing. */
    @Override
    public int update(String sql, Object... arguments) {
        Statement statement = statements.computeIfAbsent(sql, Statement::of);
        TableWrites table = pending.computeIfAbsent(statement.table(), name -> new TableWrites(primaryKey(name)));
        Write write = new Write(sql, arguments);
        if (statement.insert()) {
            table.insert(write, statement);
        } else {
            table.change(write, statement);
        }
        return 1;
    }

    /** Sends what was held, in the transaction of the caller. */
    void flush() {
        try {
            for (TableWrites table : pending.values()) {
                sendInRuns(table.inserts);
                sendInRuns(table.changes);
            }
        } finally {
            pending.clear();
        }
    }

    private void sendInRuns(List<Write> writes) {
        int start = 0;
        for (int i = 1; i <= writes.size(); i++) {
            if (i == writes.size() || !writes.get(i).sql().equals(writes.get(start).sql())) {
                send(writes.get(start).sql(), writes.subList(start, i).stream().map(Write::arguments).toList());
                start = i;
            }
        }
    }

    /** One run of the same statement: on PostgreSQL, inserts go as a COPY (see {@link CopyInserts}). */
    private void send(String sql, List<Object[]> rows) {
        Optional<Command> copy = postgres() ? statements.get(sql).copy() : Optional.empty();
        Optional<List<ColumnType>> types = copy.flatMap(command -> copyTypes.computeIfAbsent(sql,
                inserted -> columnTypes(command)));
        if (types.isPresent() && CopyInserts.copyable(rows, types.get())) {
            execute((ConnectionCallback<Void>) connection -> {
                CopyIn in = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copy.get().sql());
                try {
                    CopyInserts.write(rows, types.get(), (bytes, length) -> in.writeToCopy(bytes, 0, length));
                    in.endCopy();
                } finally {
                    if (in.isActive()) {
                        in.cancelCopy();
                    }
                }
                return null;
            });
        } else {
            batchUpdate(sql, rows);
        }
    }

    private Optional<List<ColumnType>> columnTypes(Command command) {
        return execute((ConnectionCallback<Optional<List<ColumnType>>>) connection -> {
            try (java.sql.Statement query = connection.createStatement();
                 ResultSet none = query.executeQuery(command.columnTypesQuery())) {
                ResultSetMetaData columns = none.getMetaData();
                List<ColumnType> types = new ArrayList<>();
                for (int column = 1; column <= columns.getColumnCount(); column++) {
                    Optional<ColumnType> type = ColumnType.named(columns.getColumnTypeName(column));
                    if (type.isEmpty()) {
                        return Optional.empty();
                    }
                    types.add(type.get());
                }
                return Optional.of(List.copyOf(types));
            }
        });
    }

    /** The primary key of {@code table}, asked of the database once, in the schema the connection uses. */
    private List<String> primaryKey(String table) {
        return primaryKeys.computeIfAbsent(table, name -> execute((ConnectionCallback<List<String>>) connection -> {
            DatabaseMetaData metaData = connection.getMetaData();
            String stored = metaData.storesUpperCaseIdentifiers() ? name.toUpperCase(Locale.ROOT) : name;
            SortedMap<Short, String> columns = new TreeMap<>();
            try (ResultSet key = metaData.getPrimaryKeys(connection.getCatalog(), connection.getSchema(), stored)) {
                while (key.next()) {
                    columns.put(key.getShort("KEY_SEQ"), key.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                }
            }
            return List.copyOf(columns.values());
        }));
    }

    /** Whether the database is PostgreSQL, asked of the first connection only. */
    private boolean postgres() {
        if (postgres == null) {
            postgres = execute((ConnectionCallback<Boolean>) Databases::postgres);
        }
        return postgres;
    }

    /** Forgets what was held: the batch's transaction rolled back. */
    void discard() {
        pending.clear();
    }
}
