package news.timeline.query.consuming;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
 */
class BatchedWrites extends JdbcTemplate {

    private static final Pattern TABLE = Pattern.compile("^\\s*(INSERT\\s+INTO|UPDATE|DELETE\\s+FROM)\\s+(\\w+)",
            Pattern.CASE_INSENSITIVE);

    private final Map<String, TableWrites> pending = new LinkedHashMap<>();
    /** Each distinct statement, read once: the projections use a handful, each thousands of times a batch. */
    private final Map<String, Statement> statements = new HashMap<>();
    private Boolean postgres;

    private record Write(String sql, Object[] arguments) {
    }

    /** What a statement writes: its table, whether it inserts, and its COPY command when it can be one. */
    private record Statement(String table, boolean insert, Optional<String> copy) {

        static Statement of(String sql) {
            Matcher statement = TABLE.matcher(sql);
            if (!statement.find()) {
                throw new IllegalArgumentException("a projection may only insert, update or delete: " + sql);
            }
            return new Statement(statement.group(2).toLowerCase(Locale.ROOT),
                    statement.group(1).toUpperCase(Locale.ROOT).startsWith("INSERT"), CopyInserts.command(sql));
        }
    }

    /** One table's writes: its inserts, and its other writes, each in the order they were made. */
    private record TableWrites(List<Write> inserts, List<Write> changes) {

        TableWrites() {
            this(new ArrayList<>(), new ArrayList<>());
        }
    }

    BatchedWrites(DataSource dataSource) {
        super(dataSource);
    }

    /** Held until {@link #flush()}; the count it answers means nothing. */
    @Override
    public int update(String sql, Object... arguments) {
        Statement statement = statements.computeIfAbsent(sql, Statement::of);
        TableWrites table = pending.computeIfAbsent(statement.table(), name -> new TableWrites());
        (statement.insert() ? table.inserts() : table.changes()).add(new Write(sql, arguments));
        return 1;
    }

    /** Sends what was held, in the transaction of the caller. */
    void flush() {
        try {
            for (TableWrites table : pending.values()) {
                sendInRuns(table.inserts());
                sendInRuns(table.changes());
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
        Optional<String> copy = postgres() ? statements.get(sql).copy() : Optional.empty();
        if (copy.isPresent() && CopyInserts.copyable(rows)) {
            execute((ConnectionCallback<Void>) connection -> {
                CopyIn in = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copy.get());
                try {
                    CopyInserts.write(rows, (bytes, length) -> in.writeToCopy(bytes, 0, length));
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
