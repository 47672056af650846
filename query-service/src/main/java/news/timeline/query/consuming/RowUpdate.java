package news.timeline.query.consuming;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An UPDATE that sets columns to parameters or to plain literals, on the rows whose columns in its WHERE equal
 * parameters: {@code UPDATE t SET a = ?, b = 'X', c = NULL WHERE k = ? AND l = ?}. What it does to a row can then be
 * done to that row's values before they are inserted, without the database (see {@link BatchedWrites}).
 */
record RowUpdate(String table, List<String> columns, List<Value> values, List<String> keyColumns,
                 List<Integer> keyParameters) {

    private static final String LITERAL = "\\?|NULL|TRUE|FALSE|'(?:[^']|'')*'";
    private static final String ASSIGNMENT = "(\\w+)\\s*=\\s*(" + LITERAL + ")";
    private static final String CONDITION = "(\\w+)\\s*=\\s*\\?";
    private static final Pattern UPDATE = Pattern.compile("^\\s*UPDATE\\s+(?<table>\\w+)"
            + "\\s+SET\\s+(?<set>" + ASSIGNMENT + "(?:\\s*,\\s*" + ASSIGNMENT + ")*)"
            + "\\s+WHERE\\s+(?<where>" + CONDITION + "(?:\\s+AND\\s+" + CONDITION + ")*)\\s*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ASSIGNMENTS = Pattern.compile(ASSIGNMENT, Pattern.CASE_INSENSITIVE);
    private static final Pattern CONDITIONS = Pattern.compile(CONDITION, Pattern.CASE_INSENSITIVE);

    /** What a column is set to: the statement's parameter at {@code parameter}, or {@code literal} when that is -1. */
    record Value(int parameter, Object literal) {

        Object of(Object[] arguments) {
            return parameter >= 0 ? arguments[parameter] : literal;
        }
    }

    /** {@code sql} as a row update, if it is one of that shape. */
    static Optional<RowUpdate> of(String sql) {
        Matcher update = UPDATE.matcher(sql);
        if (!update.matches()) {
            return Optional.empty();
        }
        int parameters = 0;
        List<String> columns = new ArrayList<>();
        List<Value> values = new ArrayList<>();
        Matcher assignment = ASSIGNMENTS.matcher(update.group("set"));
        while (assignment.find()) {
            columns.add(assignment.group(1).toLowerCase(Locale.ROOT));
            String literal = assignment.group(2);
            values.add(literal.equals("?") ? new Value(parameters++, null) : new Value(-1, literal(literal)));
        }
        List<String> keyColumns = new ArrayList<>();
        List<Integer> keyParameters = new ArrayList<>();
        Matcher condition = CONDITIONS.matcher(update.group("where"));
        while (condition.find()) {
            keyColumns.add(condition.group(1).toLowerCase(Locale.ROOT));
            keyParameters.add(parameters++);
        }
        return Optional.of(new RowUpdate(update.group("table").toLowerCase(Locale.ROOT), List.copyOf(columns),
                List.copyOf(values), List.copyOf(keyColumns), List.copyOf(keyParameters)));
    }

    private static Object literal(String literal) {
        return switch (literal.toUpperCase(Locale.ROOT)) {
            case "NULL" -> null;
            case "TRUE" -> Boolean.TRUE;
            case "FALSE" -> Boolean.FALSE;
            default -> literal.substring(1, literal.length() - 1).replace("''", "'");
        };
    }

    /** Whether this update's WHERE names exactly the columns of {@code key}, each once. */
    boolean by(List<String> key) {
        return keyColumns.size() == key.size() && keyColumns.containsAll(key);
    }

    /** The values these arguments give the columns of {@code key} (see {@link #by}), in its order. */
    List<Object> key(List<String> key, Object[] arguments) {
        List<Object> values = new ArrayList<>(key.size());
        key.forEach(column -> values.add(arguments[keyParameters.get(keyColumns.indexOf(column))]));
        return values;
    }

    /**
     * Sets this update's columns in {@code row}, whose values are those of {@code rowColumns}; false, leaving it as it
     * was, if the row does not have them all.
     */
    boolean applyTo(Object[] row, List<String> rowColumns, Object[] arguments) {
        int[] positions = new int[columns.size()];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = rowColumns.indexOf(columns.get(i));
            if (positions[i] < 0) {
                return false;
            }
        }
        for (int i = 0; i < positions.length; i++) {
            row[positions[i]] = values.get(i).of(arguments);
        }
        return true;
    }
}
