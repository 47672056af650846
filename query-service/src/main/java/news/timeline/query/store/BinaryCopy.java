package news.timeline.query.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Rows of one {@link Table} as PostgreSQL's binary {@code COPY ... FROM STDIN}: one command, no statement to parse
 * or plan, each value sent in the form the database keeps it.
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
     * Writes rows of values of {@code columns} to {@code out} in COPY's binary format: each row its count of values,
     * then each value's length and bytes (-1 for null); -1 for the end.
     */
    static void write(List<Object[]> rows, List<Table.Column> columns, Out out) throws SQLException {
        Bytes data = new Bytes(out);
        data.put(HEADER);
        for (Object[] row : rows) {
            data.room(2).putShort((short) row.length);
            for (int i = 0; i < row.length; i++) {
                append(data, columns.get(i).type(), row[i]);
            }
        }
        data.room(2).putShort((short) -1);
        data.flush();
    }

    private static void append(Bytes data, ColumnType type, Object value) throws SQLException {
        if (value == null) {
            data.room(4).putInt(-1);
            return;
        }
        switch (type) {
            case INT4 -> data.room(8).putInt(4).putInt((Integer) value);
            case INT8 -> data.room(12).putInt(8).putLong(((Number) value).longValue());
            case BOOL -> data.room(5).putInt(1).put((byte) ((Boolean) value ? 1 : 0));
            case TEXT -> {
                byte[] utf8 = value instanceof Utf8Text text ? text.bytes()
                        : ((String) value).getBytes(StandardCharsets.UTF_8);
                data.room(4).putInt(utf8.length);
                data.put(utf8);
            }
            case TIMESTAMPTZ -> data.room(12).putInt(8).putLong(postgresMicros((OffsetDateTime) value));
        }
    }

    /**
     * The instant in microseconds since 2000, rounded as PostgreSQL rounds a timestamp written as text (a half by the
     * {@code rint} of the fraction read as a double), so that a row is the same whichever way it came in.
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
        private final ByteBuffer bytes = ByteBuffer.allocate(SIZE);

        Bytes(Out out) {
            this.out = out;
        }

        /** The buffer, with room for {@code length} more bytes (big-endian, as COPY reads them). */
        ByteBuffer room(int length) throws SQLException {
            if (bytes.remaining() < length) {
                flush();
            }
            return bytes;
        }

        void put(byte[] source) throws SQLException {
            for (int from = 0; from < source.length; ) {
                int length = Math.min(source.length - from, room(1).remaining());
                bytes.put(source, from, length);
                from += length;
            }
        }

        void flush() throws SQLException {
            if (bytes.position() > 0) {
                out.write(bytes.array(), bytes.position());
                bytes.clear();
            }
        }
    }
}
