package news.timeline.query.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * A table a projection writes, as it declares it: columns, primary key, whether rows are only added. The statements
 * that write it, its checksum and what a rebuild does with it come from this declaration.
 */
public final class Table {

    private final String name;
    private final List<Column> columns;
    private final List<String> key;
    private final boolean appendOnly;
    private final Map<String, Integer> positions = new HashMap<>();
    private final int[] keyPositions;
    /** Each shape of update made, by its columns' bits: a projection makes a handful, each thousands of times. */
    private final Map<Long, String> updates = new ConcurrentHashMap<>();

    /** A column: its name in the migrations, and its type. */
    public record Column(String name, ColumnType type) {
    }

    private Table(String name, List<Column> columns, List<String> key, boolean appendOnly) {
        if (columns.size() > Long.SIZE) { // a row's columns set are the bits of a long
            throw new IllegalArgumentException(name + " declares more than " + Long.SIZE + " columns");
        }
        this.name = name;
        this.columns = List.copyOf(columns);
        this.key = List.copyOf(key);
        this.appendOnly = appendOnly;
        for (Column column : columns) {
            if (positions.putIfAbsent(column.name(), positions.size()) != null) {
                throw new IllegalArgumentException(name + " declares " + column.name() + " twice");
            }
        }
        this.keyPositions = key.stream().mapToInt(this::indexOf).toArray();
    }

    public static Table named(String name) {
        return new Table(name, List.of(), List.of(), false);
    }

    public Table int4(String column) {
        return with(column, ColumnType.INT4);
    }

    public Table int8(String column) {
        return with(column, ColumnType.INT8);
    }

    public Table bool(String column) {
        return with(column, ColumnType.BOOL);
    }

    public Table text(String column) {
        return with(column, ColumnType.TEXT);
    }

    public Table timestamp(String column) {
        return with(column, ColumnType.TIMESTAMPTZ);
    }

    /** The primary key, of declared columns: every write names a row by it. */
    public Table key(String... columns) {
        return new Table(name, this.columns, List.of(columns), appendOnly);
    }

    /** Rows are only added, never changed: a rebuild does without even its key until the end. */
    public Table appendOnly() {
        return new Table(name, columns, key, true);
    }

    private Table with(String column, ColumnType type) {
        List<Column> more = new ArrayList<>(columns);
        more.add(new Column(column, type));
        return new Table(name, more, key, appendOnly);
    }

    /** A row to insert, or the changes to make to one ({@link ProjectionWrites}). */
    public Row row() {
        if (key.isEmpty()) {
            throw new IllegalStateException(name + " declares no key");
        }
        return new Row(this);
    }

    public String name() {
        return name;
    }

    public List<Column> columns() {
        return columns;
    }

    public List<String> key() {
        return key;
    }

    public boolean isAppendOnly() {
        return appendOnly;
    }

    /** The column names, comma separated: {@code a, b, c}. */
    public String columnList() {
        return String.join(", ", columns.stream().map(Column::name).toList());
    }

    int indexOf(String column) {
        Integer position = positions.get(column);
        if (position == null) {
            throw new IllegalArgumentException(name + " declares no column " + column);
        }
        return position;
    }

    int[] keyPositions() {
        return keyPositions;
    }

    String insertSql() {
        return "INSERT INTO " + name + " (" + columnList() + ") VALUES ("
                + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
    }

    String copySql() {
        return "COPY " + name + " (" + columnList() + ") FROM STDIN (FORMAT binary)";
    }

    /** Sets the columns whose bits are in {@code changed}, on the row its key names. */
    String updateSql(long changed) {
        return updates.computeIfAbsent(changed, bits -> "UPDATE " + name + " SET " + String.join(", ",
                IntStream.range(0, columns.size()).filter(i -> (bits & 1L << i) != 0)
                        .mapToObj(i -> columns.get(i).name() + " = ?").toList()) + where());
    }

    String deleteSql() {
        return "DELETE FROM " + name + where();
    }

    private String where() {
        return " WHERE " + String.join(" AND ", key.stream().map(column -> column + " = ?").toList());
    }
}
