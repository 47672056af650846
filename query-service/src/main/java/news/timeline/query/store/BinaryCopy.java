package news.timeline.query.store;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Rows of one {@link Table} as PostgreSQL's {@code COPY ... FROM STDIN} in its binary format: the rows stream in as
 * one command, without the parsing and planning of a multi-row INSERT, and each value goes in the form the database
 * keeps it, with nothing to escape on this side and nothing to parse on the other (a rebuild's rows went in twice as
 * fast as text).
 */
final class BinaryCopy {

    /** The binary format's signature, then no flags and no header extension. */
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0,
            0, 0, 0, 0, 0, 0, 0, 0};

    /** 2000-01-01T00:00:00Z, from which PostgreSQL counts its timestamps, in seconds since 1970. */
    private static final long POSTGRES_EPOCH_SECONDS = 946_684_800L;

    private BinaryCopy() {
    }

    /** Where COPY data goes, a buffer at a time: the first {@code length} bytes of {@code bytes}. */
    @FunctionalInterface
    interface Out {
        void write(byte[] bytes, int length) throws SQLException;
    }

    /**
     * Writes rows of values of {@code columns}, in their order and each of a type its column takes, in COPY's binary
     * format to {@code out}, through one small buffer: for each row its number of values, then each value's length
     * and bytes (a length of -1 for null); -1 for the end.
     */
    static void write(List<Object[]> rows, List<Column> columns, Out out) throws SQLException {
        Bytes data = new Bytes(out);
        data.put(HEADER, 0, HEADER.length);
        for (Object[] row : rows) {
            data.putShort(row.length);
            for (int i = 0; i < row.length; i++) {
                append(data, columns.get(i).type(), row[i]);
            }
        }
        data.putShort(-1);
        data.flush();
    }

    private static void append(Bytes data, ColumnType type, Object value) throws SQLException {
        if (value == null) {
            data.putInt(-1);
            return;
        }
        switch (type) {
            case INT4 -> data.putInt(4).putInt((Integer) value);
            case INT8 -> data.putInt(8).putLong(((Number) value).longValue());
            case BOOL -> data.putInt(1).put((Boolean) value ? 1 : 0);
            case TEXT -> {
                byte[] utf8 = value instanceof Utf8Text text ? text.bytes()
                        : ((String) value).getBytes(StandardCharsets.UTF_8);
                data.putInt(utf8.length).put(utf8, 0, utf8.length);
            }
            case TIMESTAMPTZ -> data.putInt(8).putLong(postgresMicros((OffsetDateTime) value));
        }
    }

    /**
     * The instant in microseconds since 2000, as PostgreSQL keeps it, rounded as it rounds the nanoseconds of a
     * timestamp written as text (the {@code rint} of the fraction read as a double: a half rounds to even, or not,
     * as the double falls), so that a row is the same whichever way it came in.
     */
    static long postgresMicros(OffsetDateTime timestamp) {
        int nanos = timestamp.getNano();
        long micros = nanos % 1_000 != 500 ? (nanos + 500) / 1_000
                : (long) Math.rint(Double.parseDouble("0." + String.format("%09d", nanos)) * 1_000_000);
        return Math.addExact(Math.multiplyExact(timestamp.toEpochSecond() - POSTGRES_EPOCH_SECONDS, 1_000_000L),
                micros);
    }

    /** A buffer of COPY data, passed on to its {@link Out} whenever it fills; one batch's, written by one thread. */
    private static final class Bytes {

        /** Large enough for a few rows, small enough to stay in the processor's cache. */
        private static final int SIZE = 64 * 1024;

        private final Out out;
        private final byte[] bytes = new byte[SIZE];
        private int size;

        Bytes(Out out) {
            this.out = out;
        }

        Bytes put(int value) throws SQLException {
            if (size == SIZE) {
                flush();
            }
            bytes[size++] = (byte) value;
            return this;
        }

        Bytes putShort(int value) throws SQLException {
            return put(value >>> 8).put(value);
        }

        Bytes putInt(int value) throws SQLException {
            return putShort(value >>> 16).putShort(value);
        }

        Bytes putLong(long value) throws SQLException {
            return putInt((int) (value >>> 32)).putInt((int) value);
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

        void flush() throws SQLException {
            if (size > 0) {
                out.write(bytes, size);
                size = 0;
            }
        }
    }
}
