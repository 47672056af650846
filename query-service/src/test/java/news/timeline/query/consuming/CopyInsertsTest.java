package news.timeline.query.consuming;

import news.timeline.query.consuming.CopyInserts.ColumnType;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static news.timeline.query.consuming.CopyInserts.ColumnType.BOOL;
import static news.timeline.query.consuming.CopyInserts.ColumnType.INT4;
import static news.timeline.query.consuming.CopyInserts.ColumnType.INT8;
import static news.timeline.query.consuming.CopyInserts.ColumnType.TEXT;
import static news.timeline.query.consuming.CopyInserts.ColumnType.TIMESTAMPTZ;
import static org.assertj.core.api.Assertions.assertThat;

/** The COPY side of the projections' inserts; {@link BatchedWritesTest} sends it to PostgreSQL and reads it back. */
class CopyInsertsTest {

    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};

    @Test
    void anInsertOfParametersOnlyBecomesACopyOfTheSameColumns() {
        CopyInserts.Command copy = CopyInserts.command("""
                INSERT INTO audit_entry (timeline_id, sequence,
                                         envelope)
                VALUES (?, ?, ?)""").orElseThrow();

        assertThat(copy.sql()).isEqualTo(
                "COPY audit_entry (timeline_id, sequence, envelope) FROM STDIN (FORMAT binary)");
        assertThat(copy.columnTypesQuery())
                .isEqualTo("SELECT timeline_id, sequence, envelope FROM audit_entry WHERE 1 = 0");
    }

    @Test
    void anInsertWithValuesOfItsOwnOrOfAnotherShapeStaysAnInsert() {
        assertThat(CopyInserts.command("INSERT INTO t (a, b) VALUES (?, 1)")).isEmpty();
        assertThat(CopyInserts.command("INSERT INTO t (a, b) VALUES (?, ?) ON CONFLICT DO NOTHING")).isEmpty();
        assertThat(CopyInserts.command("INSERT INTO t SELECT * FROM u")).isEmpty();
        assertThat(CopyInserts.command("UPDATE t SET a = ?")).isEmpty();
    }

    @Test
    void onlyValuesOfTheirColumnsTypeAreCopied() {
        List<ColumnType> types = List.of(TEXT, INT4, INT8, BOOL, TIMESTAMPTZ);
        assertThat(CopyInserts.copyable(List.<Object[]>of(new Object[]{"a", 1, 2L, true,
                OffsetDateTime.now(ZoneOffset.UTC)}, new Object[]{null, null, null, null, null}), types)).isTrue();
        assertThat(CopyInserts.copyable(List.<Object[]>of(new Object[]{"a", 1L, 2L, true, null}), types))
                .as("a long for an integer column").isFalse();
        assertThat(CopyInserts.copyable(List.<Object[]>of(new Object[]{"a", 1, 2L, true, Instant.now()}), types))
                .isFalse();
        assertThat(CopyInserts.copyable(List.<Object[]>of(new Object[]{"a"}), types)).isFalse();
        assertThat(ColumnType.named("numeric")).isEmpty();
        assertThat(ColumnType.named("varchar")).hasValue(TEXT);
    }

    @Test
    void eachRowIsItsValueCountThenEachValuesLengthAndBytesInNetworkOrder() {
        ByteBuffer data = ByteBuffer.wrap(write(List.of(TEXT, INT4, INT8, BOOL, TEXT),
                new Object[]{"Ünï\t\\N", 7, -2L, true, null}));

        byte[] header = new byte[HEADER.length];
        data.get(header);
        assertThat(header).isEqualTo(HEADER);
        assertThat(data.getInt()).as("flags").isZero();
        assertThat(data.getInt()).as("header extension").isZero();
        assertThat(data.getShort()).isEqualTo((short) 5);
        byte[] text = new byte[data.getInt()];
        data.get(text);
        assertThat(new String(text, StandardCharsets.UTF_8)).isEqualTo("Ünï\t\\N");
        assertThat(data.getInt()).isEqualTo(4);
        assertThat(data.getInt()).isEqualTo(7);
        assertThat(data.getInt()).isEqualTo(8);
        assertThat(data.getLong()).isEqualTo(-2L);
        assertThat(data.getInt()).isEqualTo(1);
        assertThat(data.get()).isEqualTo((byte) 1);
        assertThat(data.getInt()).as("null").isEqualTo(-1);
        assertThat(data.getShort()).as("the end").isEqualTo((short) -1);
        assertThat(data.hasRemaining()).isFalse();
    }

    @Test
    void timestampsAreMicrosecondsSince2000() {
        assertThat(CopyInserts.postgresMicros(OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC))).isZero();
        assertThat(CopyInserts.postgresMicros(OffsetDateTime.of(2000, 1, 1, 1, 0, 1, 2_000, ZoneOffset.ofHours(1))))
                .as("the same instant in another offset, plus 1 s and 2 µs").isEqualTo(1_000_002);
        assertThat(CopyInserts.postgresMicros(OffsetDateTime.of(1999, 12, 31, 23, 59, 59, 999_999_600,
                ZoneOffset.UTC))).as("rounded up into the next second").isZero();
        assertThat(CopyInserts.postgresMicros(OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 1_499, ZoneOffset.UTC)))
                .isEqualTo(1);
    }

    @Test
    void rowsLongerThanItsBufferArriveWholeAndInOrder() throws SQLException {
        String paragraph = "x".repeat(100_000);
        List<Integer> writes = new ArrayList<>();
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        CopyInserts.write(List.<Object[]>of(new Object[]{paragraph}, new Object[]{paragraph}), List.of(TEXT),
                (bytes, length) -> {
                    writes.add(length);
                    data.write(bytes, 0, length);
                });

        assertThat(data.size()).isEqualTo(HEADER.length + 8 + 2 * (2 + 4 + 100_000) + 2);
        assertThat(writes).hasSizeGreaterThan(1).allMatch(length -> length <= 64 * 1024);
        byte[] all = data.toByteArray();
        assertThat(Arrays.copyOfRange(all, all.length - 2, all.length)).containsExactly(0xFF, 0xFF);
    }

    private static byte[] write(List<ColumnType> types, Object[]... rows) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        try {
            CopyInserts.write(List.of(rows), types, (bytes, length) -> data.write(bytes, 0, length));
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        return data.toByteArray();
    }
}
