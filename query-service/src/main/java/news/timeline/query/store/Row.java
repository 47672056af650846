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
    /** The columns set, one bit each, in the table's order. */
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
            key[i] = values[table.keyPositions()[i]];
            if (key[i] == null) {
                throw new IllegalArgumentException(table.name() + "." + table.key().get(i) + " is in the key: give it");
            }
        }
        return Arrays.asList(key);
    }

    /** The values of {@code columns} (bits, as {@link #changes}), in the table's order, then the key's. */
    Object[] arguments(long columns) {
        Object[] arguments = new Object[Long.bitCount(columns) + table.keyPositions().length];
        int next = 0;
        for (int i = 0; i < values.length; i++) {
            if ((columns & 1L << i) != 0) {
                arguments[next++] = values[i];
            }
        }
        for (int position : table.keyPositions()) {
            arguments[next++] = values[position];
        }
        return arguments;
    }

    /** Sets {@code columns} (bits, as {@link #changes}) in {@code pending}: a row of its table still to be inserted. */
    void applyTo(Object[] pending, long columns) {
        for (int i = 0; i < values.length; i++) {
            if ((columns & 1L << i) != 0) {
                pending[i] = values[i];
            }
        }
    }
}
