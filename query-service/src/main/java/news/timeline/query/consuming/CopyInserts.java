package news.timeline.query.consuming;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A run of one INSERT statement as PostgreSQL's {@code COPY ... FROM STDIN}: the rows stream in as one command,
 * without the parsing and planning of a multi-row INSERT, several times faster for the thousands of rows a batch
 * of events makes. Only for INSERTs whose values are all parameters, of types that COPY's text format spells
 * plainly; anything else is left to a JDBC batch.
 */
final class CopyInserts {

    private static final Pattern INSERT = Pattern.compile(
            "^\\s*INSERT\\s+INTO\\s+(\\w+)\\s*\\(([^)]*)\\)\\s*VALUES\\s*\\(([\\s?,]*)\\)\\s*$",
            Pattern.CASE_INSENSITIVE);

    private CopyInserts() {
    }

    /** The COPY command for {@code insert}, if every value it inserts is a parameter. */
    static Optional<String> command(String insert) {
        Matcher matcher = INSERT.matcher(insert);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        int columns = matcher.group(2).split(",").length;
        long parameters = matcher.group(3).chars().filter(c -> c == '?').count();
        return columns == parameters
                ? Optional.of("COPY " + matcher.group(1) + " (" + matcher.group(2).strip() + ") FROM STDIN")
                : Optional.empty();
    }

    /** Whether every value is one the text format below spells as PostgreSQL reads it back. */
    static boolean copyable(List<Object[]> rows) {
        for (Object[] row : rows) {
            for (Object value : row) {
                if (value != null && !(value instanceof String || value instanceof Number
                        || value instanceof Boolean || value instanceof OffsetDateTime)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The rows in COPY's text format: tab-separated, {@code \N} for null, backslash escapes. */
    static String text(List<Object[]> rows) {
        StringBuilder text = new StringBuilder(rows.size() * 256);
        for (Object[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    text.append('\t');
                }
                append(text, row[i]);
            }
            text.append('\n');
        }
        return text.toString();
    }

    private static void append(StringBuilder text, Object value) {
        if (value == null) {
            text.append("\\N");
        } else if (value instanceof Boolean flag) {
            text.append(flag ? 't' : 'f');
        } else if (value instanceof String string) {
            appendEscaped(text, string);
        } else if (value instanceof OffsetDateTime timestamp) {
            appendTimestamp(text, timestamp);
        } else {
            text.append(value);
        }
    }

    /** Most text (an event's JSON, a headline) has nothing to escape, and goes in one copy. */
    private static void appendEscaped(StringBuilder text, String string) {
        int plain = 0;
        while (plain < string.length() && !special(string.charAt(plain))) {
            plain++;
        }
        text.append(string, 0, plain);
        for (int i = plain; i < string.length(); i++) {
            char c = string.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(c);
            }
        }
    }

    private static boolean special(char c) {
        return c == '\\' || c == '\t' || c == '\n' || c == '\r';
    }

    /**
     * {@code 2026-11-27 14:32:05.123456789+00:00}, written digit by digit: {@code OffsetDateTime.toString} was a
     * good part of a rebuild's time in the service. Years outside 1 to 9999 take the long way.
     */
    private static void appendTimestamp(StringBuilder text, OffsetDateTime timestamp) {
        if (timestamp.getYear() < 1 || timestamp.getYear() > 9999) {
            text.append(timestamp);
            return;
        }
        digits(text, timestamp.getYear(), 4).append('-');
        digits(text, timestamp.getMonthValue(), 2).append('-');
        digits(text, timestamp.getDayOfMonth(), 2).append(' ');
        digits(text, timestamp.getHour(), 2).append(':');
        digits(text, timestamp.getMinute(), 2).append(':');
        digits(text, timestamp.getSecond(), 2).append('.');
        digits(text, timestamp.getNano(), 9);
        int offset = timestamp.getOffset().getTotalSeconds();
        text.append(offset < 0 ? '-' : '+');
        digits(text, Math.abs(offset) / 3600, 2).append(':');
        digits(text, Math.abs(offset) / 60 % 60, 2);
    }

    private static StringBuilder digits(StringBuilder text, int value, int width) {
        for (int divisor = (int) Math.pow(10, width - 1); divisor > 0; divisor /= 10) {
            text.append((char) ('0' + value / divisor % 10));
        }
        return text;
    }
}
