package news.timeline.query.store;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The projections' writes for one batch, held and sent when it is done: table by table, the inserts first (on
 * PostgreSQL one binary COPY), then the other writes in order, each run of one statement a JDBC batch. A change or
 * delete of a row still to be inserted is made to it; writes to a row stored before the batch follow each other.
 */
public final class PendingWrites implements ProjectionWrites {

    private final JdbcTemplate jdbc;
    private final boolean postgres;
    private final Map<Table, TableWrites> pending = new LinkedHashMap<>();

    /** A write other than an insert ahead of the others: its statement and arguments. */
    private record Change(String sql, Object[] arguments) {
    }

    /** One table's pending writes. */
    private static final class TableWrites {

        private final Map<List<Object>, Object[]> inserts = new LinkedHashMap<>();
        private final List<Change> changes = new ArrayList<>();
        /** Rows with a change waiting in {@link #changes}: what comes for them after must follow it. */
        private final Set<List<Object>> changed = new HashSet<>();
    }

    public PendingWrites(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.postgres = Boolean.TRUE.equals(jdbc.execute((ConnectionCallback<Boolean>) Databases::postgres));
    }

    @Override
    public void insert(Row row) {
        List<Object> key = row.key();
        TableWrites table = of(row.table());
        if (table.changed.contains(key)) {
            table.changes.add(new Change(row.table().insertSql(), row.values()));
        } else if (table.inserts.putIfAbsent(key, row.values()) != null) {
            throw new DuplicateKeyException(row.table().name() + " " + key + " is inserted twice in one batch");
        }
    }

    @Override
    public void update(Row changes) {
        long columns = changes.changes();
        if (columns == 0) {
            throw new IllegalArgumentException("an update of " + changes.table().name() + " sets nothing but the key");
        }
        List<Object> key = changes.key();
        TableWrites table = of(changes.table());
        Object[] inserted = table.inserts.get(key);
        if (inserted != null) {
            changes.applyTo(inserted, columns);
            return;
        }
        table.changes.add(new Change(changes.table().updateSql(columns), changes.arguments(columns)));
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
        if (!postgres) {
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
}
