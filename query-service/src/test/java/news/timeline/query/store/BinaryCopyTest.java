package news.timeline.query.store;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static news.timeline.query.store.ColumnType.BOOL;
import static news.timeline.query.store.ColumnType.INT4;
import static news.timeline.query.store.ColumnType.INT8;
import static news.timeline.query.store.ColumnType.TEXT;
import static news.timeline.query.store.ColumnType.TIMESTAMPTZ;
import static org.assertj.core.api.Assertions.assertThat;

class BinaryCopyTest {

    private static final String HEADER = "5047434f50590aff0d0a00" + "00000000" + "00000000";

    @Test
    void aTableIsCopiedIntoEveryColumnItDeclaresInOrder() {
        Table audit = Table.named("audit_entry").text("timeline_id").int8("sequence").text("envelope")
                .key("timeline_id", "sequence");

        assertThat(audit.copySql())
                .isEqualTo("COPY audit_entry (timeline_id, sequence, envelope) FROM STDIN (FORMAT binary)");
    }

    @Test
    void eachRowIsItsCountOfValuesThenEachValueAsItsLengthAndBigEndianBytes() {
        OffsetDateTime microsecondAfter2000 = OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 1_000, ZoneOffset.UTC);

        String data = hex(List.of(INT4, INT8, BOOL, TEXT, TEXT, TIMESTAMPTZ),
                new Object[]{-2, 1L << 40, true, "é🗞", null, microsecondAfter2000},
                new Object[]{7, 3, false, "", "\\N", null});

        assertThat(data).isEqualTo(HEADER
                + "0006" + "00000004fffffffe" + "000000080000010000000000" + "0000000101" + "00000006c3a9f09f979e"
                + "ffffffff" + "000000080000000000000001"
                + "0006" + "0000000400000007" + "000000080000000000000003" + "0000000100" + "00000000"
                + "000000025c4e" + "ffffffff"
                + "ffff");
    }

    @Test
    void timestampsAreMicrosecondsSince2000InUtcRoundedAsPostgresqlRoundsText() {
        assertThat(BinaryCopy.postgresMicros(OffsetDateTime.of(2000, 1, 1, 1, 0, 0, 0, ZoneOffset.ofHours(1))))
                .isZero();
        assertThat(BinaryCopy.postgresMicros(OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC)))
                .isEqualTo(-946_684_800_000_000L);
        assertThat(BinaryCopy.postgresMicros(OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 1_499, ZoneOffset.UTC)))
                .isEqualTo(1);
        assertThat(BinaryCopy.postgresMicros(OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 1_501, ZoneOffset.UTC)))
                .isEqualTo(2);
        assertThat(BinaryCopy.postgresMicros(OffsetDateTime.of(1999, 12, 31, 23, 59, 59, 999_999_000,
                ZoneOffset.UTC))).isEqualTo(-1);
    }

    @Test
    void rowsLongerThanItsBufferArriveWholeAndInOrder() throws SQLException, IOException {
        String paragraph = "x".repeat(50_000) + "\\" + "y".repeat(50_000);
        List<Integer> writes = new ArrayList<>();
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        BinaryCopy.write(List.<Object[]>of(new Object[]{paragraph, 1}, new Object[]{paragraph, 2}),
                columns(List.of(TEXT, INT4)), (bytes, length) -> {
                    writes.add(length);
                    data.write(bytes, 0, length);
                });

        DataInputStream in = new DataInputStream(new ByteArrayInputStream(data.toByteArray()));
        in.skipNBytes(19);
        for (int row = 1; row <= 2; row++) {
            assertThat(in.readShort()).isEqualTo((short) 2);
            assertThat(new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8)).isEqualTo(paragraph);
            assertThat(in.readInt()).isEqualTo(4);
            assertThat(in.readInt()).isEqualTo(row);
        }
        assertThat(in.readShort()).isEqualTo((short) -1);
        assertThat(in.available()).isZero();
        assertThat(writes).hasSizeGreaterThan(1).allMatch(length -> length <= 64 * 1024);
    }

    private static String hex(List<ColumnType> types, Object[]... rows) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        try {
            BinaryCopy.write(List.of(rows), columns(types), (bytes, length) -> data.write(bytes, 0, length));
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        return HexFormat.of().formatHex(data.toByteArray());
    }

    private static List<Table.Column> columns(List<ColumnType> types) {
        return types.stream().map(type -> new Table.Column(type.name().toLowerCase(), type)).toList();
    }
}
