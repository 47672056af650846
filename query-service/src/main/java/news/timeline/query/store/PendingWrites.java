package news.timeline.query.store;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The projections' writes for one batch of events, sent to the database together when the batch is done instead
 * of one round trip per statement. Table by table: first the rows inserted (on PostgreSQL one binary COPY, see
 * {@link BinaryCopy}), then the other writes in the order they were made, each run of the same statement one JDBC
 * batch.
 *
 * <p>A change to a row inserted in the same batch is made to the values waiting to be inserted, and a delete of one
 * drops it: a post corrected within the same batch (a rebuild's, a catch-up's) is inserted once as it ends up, not
 * inserted then updated. An insert of a row changed or deleted earlier in the batch (stored before it) follows that
 * change, and so does every change to it after.
 */
public final class PendingWrites implements ProjectionWrites {

    private final JdbcTemplate jdbc;
    private final Map<Table, TableWrites> pending = new LinkedHashMap<>();
    private Boolean postgres;

    /** A write other than an insert ahead of the others: its statement and arguments. */
    private record Change(String sql, Object[] arguments) {
    }

    /** One table's pending writes. */
    private static final class TableWrites {

        private final Map<List<Object>, Object[]> inserts = new LinkedHashMap<>();
        private final List<Change> changes = new ArrayList<>();
        /** Rows with a change waiting in {@link #changes}: what comes for them after must follow it. */
        private final Set<List<Object>> changed = new HashSet<>();
        private final Map<Long, String> updateSql = new HashMap<>();
    }

    public PendingWrites(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    @Override
    public void insert(Row row) {
        List<Object> key = row.key();
        TableWrites table = of(row.table());
        if (table.changed.contains(key)) {
            table.changes.add(new Change(row.table().insertSql(), row.values()));
        } else if (table.inserts.putIfAbsent(key, row.values()) != null) {
            throw new DuplicateKeyException(row.table() + " " + key + " is inserted twice in one batch");
        }
    }

    @Override
    public void update(Row changes) {
        long columns = changes.changes();
        if (columns == 0) {
            throw new IllegalArgumentException("an update of " + changes.table() + " sets nothing but the key");
        }
        List<Object> key = changes.key();
        TableWrites table = of(changes.table());
        Object[] inserted = table.inserts.get(key);
        if (inserted != null) {
            changes.applyTo(inserted);
            return;
        }
        String sql = table.updateSql.computeIfAbsent(columns, changes.table()::updateSql);
        table.changes.add(new Change(sql, changes.arguments(columns)));
        table.changed.add(key);
    }

    @Override
    public void delete(Table table, Object... key) {
        Row row = table.row();
        for (int i = 0; i < key.length; i++) {
            row.set(table.key().get(i), key[i]);
        }
        List<Object> keyValues = row.key();
        TableWrites writes = of(table);
        if (writes.inserts.remove(keyValues) == null) {
            writes.changes.add(new Change(table.deleteSql(), row.arguments(0)));
            writes.changed.add(keyValues);
        }
    }

    private TableWrites of(Table table) {
        return pending.computeIfAbsent(table, declared -> new TableWrites());
    }

    /** Sends what was held, in the transaction of the caller. */
    public void flush() {
        try {
            pending.forEach((table, writes) -> {
                sendInserts(table, List.copyOf(writes.inserts.values()));
                sendInRuns(writes.changes);
            });
        } finally {
            pending.clear();
        }
    }

    /** Forgets what was held: the batch's transaction rolled back. */
    public void discard() {
        pending.clear();
    }

    private void sendInserts(Table table, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        if (!postgres()) {
            jdbc.batchUpdate(table.insertSql(), rows);
            return;
        }
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            CopyIn in = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(table.copySql());
            try {
                BinaryCopy.write(rows, table.columns(), (bytes, length) -> in.writeToCopy(bytes, 0, length));
                in.endCopy();
            } finally {
                if (in.isActive()) {
                    in.cancelCopy();
                }
            }
            return null;
        });
    }

    private void sendInRuns(List<Change> changes) {
        int start = 0;
        for (int i = 1; i <= changes.size(); i++) {
            if (i == changes.size() || !changes.get(i).sql().equals(changes.get(start).sql())) {
                jdbc.batchUpdate(changes.get(start).sql(),
                        changes.subList(start, i).stream().map(Change::arguments).toList());
                start = i;
            }
        }
    }

    /** Whether the database is PostgreSQL, asked of the first connection only. */
    private boolean postgres() {
        if (postgres == null) {
            postgres = jdbc.execute((ConnectionCallback<Boolean>) Databases::postgres);
        }
        return postgres;
    }
}
