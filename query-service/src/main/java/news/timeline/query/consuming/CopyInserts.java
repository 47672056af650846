package news.timeline.query.consuming;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

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

    /** For each byte, the letter that follows its backslash in COPY text, or 0 when it goes as it is. */
    private static final byte[] ESCAPES = new byte[256];

    static {
        ESCAPES['\\'] = '\\';
        ESCAPES['\t'] = 't';
        ESCAPES['\n'] = 'n';
        ESCAPES['\r'] = 'r';
    }

    /** 10 to the power of each index, up to the largest a {@code long} holds. */
    private static final long[] POWERS_OF_TEN = new long[19];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    private CopyInserts() {
    }

    /** The COPY command for {@code insert}, if every value it inserts is a parameter. */
    static Optional<String> command(String insert) {
        Matcher matcher = INSERT.matcher(insert);
        return matcher.matches() && allParameters(matcher)
                ? Optional.of("COPY " + matcher.group(1) + " (" + matcher.group(2).strip() + ") FROM STDIN")
                : Optional.empty();
    }

    /** The columns {@code insert} fills, in lower case and in order, if every value it inserts is a parameter. */
    static Optional<List<String>> columns(String insert) {
        Matcher matcher = INSERT.matcher(insert);
        return matcher.matches() && allParameters(matcher)
                ? Optional.of(Stream.of(matcher.group(2).split(","))
                        .map(column -> column.strip().toLowerCase(Locale.ROOT)).toList())
                : Optional.empty();
    }

    private static boolean allParameters(Matcher insert) {
        return insert.group(2).split(",").length == insert.group(3).chars().filter(c -> c == '?').count();
    }

    /** Where COPY text goes, a buffer at a time: the first {@code length} bytes of {@code bytes}. */
    @FunctionalInterface
    interface Out {
        void write(byte[] bytes, int length) throws SQLException;
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

    /**
     * Writes {@link #copyable} rows in COPY's text format to {@code out}, in UTF-8: tab-separated, {@code \N} for
     * null, backslash escapes. Written as bytes, as the database reads them, through one small buffer: building a
     * batch's text whole and encoding it was most of a rebuild's time in the service.
     */
    static void write(List<Object[]> rows, Out out) throws SQLException {
        Bytes text = new Bytes(out);
        for (Object[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    text.put('\t');
                }
                append(text, row[i]);
            }
            text.put('\n');
        }
        text.flush();
    }

    private static void append(Bytes text, Object value) throws SQLException {
        if (value == null) {
            text.put('\\').put('N');
        } else if (value instanceof String string) {
            byte[] utf8 = string.getBytes(StandardCharsets.UTF_8);
            if (nothingToEscape(string)) {
                text.put(utf8, 0, utf8.length);
            } else {
                appendEscaped(text, utf8);
            }
        } else if (value instanceof Boolean flag) {
            text.put(flag ? 't' : 'f');
        } else if (value instanceof OffsetDateTime timestamp) {
            appendTimestamp(text, timestamp);
        } else if (value instanceof Long || value instanceof Integer) {
            appendInteger(text, ((Number) value).longValue());
        } else {
            text.putAscii(value.toString());
        }
    }

    /**
     * Whether {@code string} holds none of the characters COPY text escapes: most text (an event's JSON, a
     * headline) does not, and {@code indexOf} searches many characters at a time where a loop takes one.
     */
    private static boolean nothingToEscape(String string) {
        return string.indexOf('\\') < 0 && string.indexOf('\t') < 0 && string.indexOf('\n') < 0
                && string.indexOf('\r') < 0;
    }

    /**
     * Text with something to escape goes in runs between the few characters that need it; none of them can be a
     * byte of a multi-byte UTF-8 character, so bytes are scanned as they are.
     */
    private static void appendEscaped(Bytes text, byte[] utf8) throws SQLException {
        int run = 0;
        for (int i = 0; i < utf8.length; i++) {
            byte escaped = ESCAPES[utf8[i] & 0xFF];
            if (escaped != 0) {
                text.put(utf8, run, i).put('\\').put(escaped);
                run = i + 1;
            }
        }
        text.put(utf8, run, utf8.length);
    }

    /**
     * {@code 2026-11-27 14:32:05.123456789+00:00}, written digit by digit: {@code OffsetDateTime.toString} was a
     * good part of a rebuild's time in the service. Years outside 1 to 9999 take the long way.
     */
    private static void appendTimestamp(Bytes text, OffsetDateTime timestamp) throws SQLException {
        if (timestamp.getYear() < 1 || timestamp.getYear() > 9999) {
            text.putAscii(timestamp.toString());
            return;
        }
        digits(text, timestamp.getYear(), 4).put('-');
        digits(text, timestamp.getMonthValue(), 2).put('-');
        digits(text, timestamp.getDayOfMonth(), 2).put(' ');
        digits(text, timestamp.getHour(), 2).put(':');
        digits(text, timestamp.getMinute(), 2).put(':');
        digits(text, timestamp.getSecond(), 2).put('.');
        digits(text, timestamp.getNano(), 9);
        int offset = timestamp.getOffset().getTotalSeconds();
        text.put(offset < 0 ? '-' : '+');
        digits(text, Math.abs(offset) / 3600, 2).put(':');
        digits(text, Math.abs(offset) / 60 % 60, 2);
    }

    /** An integer's decimal digits, without the string {@code Long.toString} would make of them for each value. */
    private static void appendInteger(Bytes text, long value) throws SQLException {
        if (value == Long.MIN_VALUE) {
            text.putAscii(Long.toString(value));
            return;
        }
        if (value < 0) {
            text.put('-');
            value = -value;
        }
        int width = 1;
        while (width < POWERS_OF_TEN.length && value >= POWERS_OF_TEN[width]) {
            width++;
        }
        digits(text, value, width);
    }

    /** {@code value}'s last {@code width} decimal digits, leading zeros included. */
    private static Bytes digits(Bytes text, long value, int width) throws SQLException {
        for (int i = width - 1; i >= 0; i--) {
            text.put('0' + (int) (value / POWERS_OF_TEN[i] % 10));
        }
        return text;
    }

    /** A buffer of COPY text, passed on to its {@link Out} whenever it fills; one batch's, written by one thread. */
    private static final class Bytes {

        /** Large enough for a few rows, small enough to stay in the processor's cache. */
        private static final int SIZE = 64 * 1024;

        private final Out out;
        private final byte[] bytes = new byte[SIZE];
        private int size;

        Bytes(Out out) {
            this.out = out;
        }

        Bytes put(int ascii) throws SQLException {
            if (size == SIZE) {
                flush();
            }
            bytes[size++] = (byte) ascii;
            return this;
        }

        Bytes put(byte[] source, int from, int to) throws SQLException {
            while (from < to) {
                if (size == SIZE) {
                    flush();
                }
                int length = Math.min(to - from, SIZE - size);
                System.arraycopy(source, from, bytes, size, length);
                size += length;
                from += length;
            }
            return this;
        }

        void putAscii(String ascii) throws SQLException {
            byte[] source = ascii.getBytes(StandardCharsets.US_ASCII);
            put(source, 0, source.length);
        }

        void flush() throws SQLException {
            if (size > 0) {
                out.write(bytes, size);
                size = 0;
            }
        }
    }
}
