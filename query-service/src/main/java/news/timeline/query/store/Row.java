package news.timeline.query.store;

import java.util.Arrays;
import java.util.List;

/**
 * Values for some columns of one {@link Table}, each checked against its column's type as it is set: a row to insert
 * (the columns it does not set are null), or the changes to make to the row its key columns name.
 */
public final class Row {

    private final Table table;
    private final Object[] values;
    private long set;

    Row(Table table) {
        this.table = table;
        this.values = new Object[table.columns().size()];
    }

    public Row set(String column, Object value) {
        int position = table.indexOf(column);
        ColumnType type = table.columns().get(position).type();
        if (!type.takes(value)) {
            throw new IllegalArgumentException(table.name() + "." + column + " is " + type + ", which takes no "
                    + value.getClass().getSimpleName());
        }
        values[position] = type.normalized(value);
        set |= 1L << position;
        return this;
    }

    Table table() {
        return table;
    }

    Object[] values() {
        return values;
    }

    /** The columns set, one bit each, as {@link Table#columns()} orders them. */
    long columnsSet() {
        return set;
    }

    /** The columns set that are not the key: what an update changes. */
    long changes() {
        long changes = set;
        for (int position : table.keyPositions()) {
            changes &= ~(1L << position);
        }
        return changes;
    }

    /** The key's values; every key column must be set, and not to null. */
    List<Object> key() {
        Object[] key = new Object[table.keyPositions().length];
        for (int i = 0; i < key.length; i++) {
            int position = table.keyPositions()[i];
            if ((set & 1L << position) == 0 || values[position] == null) {
                throw new IllegalArgumentException(table.name() + "." + table.key().get(i)
                        + " is part of the key and must be given");
            }
            key[i] = values[position];
        }
        return Arrays.asList(key);
    }

    /** The values of the columns in {@code columns}, in their order, then those of the key. */
    Object[] arguments(long columns) {
        int[] keyPositions = table.keyPositions();
        Object[] arguments = new Object[Long.bitCount(columns) + keyPositions.length];
        int next = 0;
        for (int i = 0; i < values.length; i++) {
            if ((columns & 1L << i) != 0) {
                arguments[next++] = values[i];
            }
        }
        for (int position : keyPositions) {
            arguments[next++] = values[position];
        }
        return arguments;
    }

    /** Sets this row's changes in {@code into}: the values of a row of the same table waiting to be inserted. */
    void applyTo(Object[] into) {
        long changes = changes();
        for (int i = 0; i < values.length; i++) {
            if ((changes & 1L << i) != 0) {
                into[i] = values[i];
            }
        }
    }
}
