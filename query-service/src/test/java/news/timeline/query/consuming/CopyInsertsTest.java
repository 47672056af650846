package news.timeline.query.consuming;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CopyInsertsTest {

    @Test
    void anInsertOfParametersOnlyBecomesACopyOfTheSameColumns() {
        assertThat(CopyInserts.command("""
                INSERT INTO audit_entry (timeline_id, sequence, envelope)
                VALUES (?, ?, ?)"""))
                .hasValue("COPY audit_entry (timeline_id, sequence, envelope) FROM STDIN");
    }

    @Test
    void anInsertOfParametersOnlyNamesItsColumnsInOrder() {
        assertThat(CopyInserts.columns("INSERT INTO t (Id,  label ,AT) VALUES (?, ?, ?)"))
                .hasValue(List.of("id", "label", "at"));
        assertThat(CopyInserts.columns("INSERT INTO t (a, b) VALUES (?, NULL)")).isEmpty();
    }

    @Test
    void anInsertWithValuesOfItsOwnOrOfAnotherShapeStaysAnInsert() {
        assertThat(CopyInserts.command("INSERT INTO t (a, b) VALUES (?, 1)")).isEmpty();
        assertThat(CopyInserts.command("INSERT INTO t (a, b) VALUES (?, ?) ON CONFLICT DO NOTHING")).isEmpty();
        assertThat(CopyInserts.command("INSERT INTO t SELECT * FROM u")).isEmpty();
        assertThat(CopyInserts.command("UPDATE t SET a = ?")).isEmpty();
    }

    @Test
    void onlyValuesTheTextFormatSpellsPlainlyAreCopied() {
        assertThat(CopyInserts.copyable(List.<Object[]>of(new Object[]{"a", 1, 2L, true, null,
                OffsetDateTime.now(ZoneOffset.UTC)}))).isTrue();
        assertThat(CopyInserts.copyable(List.<Object[]>of(new Object[]{"a"}, new Object[]{Instant.now()}))).isFalse();
        assertThat(CopyInserts.copyable(List.<Object[]>of(new Object[]{new byte[]{1}}))).isFalse();
    }

    @Test
    void rowsAreTabSeparatedWithBackslashEscapesAndNullAsBackslashN() {
        assertThat(text(new Object[]{"a\tb\\c\nd\re", null, true, 7L}, new Object[]{"\\N", "", false, 0}))
                .isEqualTo("a\\tb\\\\c\\nd\\re\t\\N\tt\t7\n\\\\N\t\tf\t0\n");
    }

    @Test
    void textIsUtf8AndOnlyItsOwnSpecialCharactersAreEscaped() {
        assertThat(text(new Object[]{"Carswell — «mayor» 🗞\\ said", "\\é\n"}))
                .isEqualTo("Carswell — «mayor» 🗞\\\\ said\t\\\\é\\n\n");
    }

    @Test
    void eachCharacterToEscapeIsFoundWhenItIsTheOnlyOne() {
        assertThat(text(new Object[]{"a\\b"}, new Object[]{"a\tb"}, new Object[]{"a\nb"}, new Object[]{"a\rb"},
                new Object[]{"{\"plain\":\"«text» 🗞\"}"}))
                .isEqualTo("a\\\\b\na\\tb\na\\nb\na\\rb\n{\"plain\":\"«text» 🗞\"}\n");
    }

    @Test
    void integersAreWrittenAsLongToStringWritesThem() {
        long[] values = {0, 7, 9, 10, 99, 100, 1_000_000_007, -1, -10, -987_654_321_012L, Integer.MAX_VALUE,
                Integer.MIN_VALUE, 999_999_999_999_999_999L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1};
        for (long value : values) {
            assertThat(text(new Object[]{value})).isEqualTo(value + "\n");
            assertThat(text(new Object[]{(int) value})).isEqualTo((int) value + "\n");
        }
    }

    @Test
    void timestampsAreWrittenToTheNanosecondWithTheirOffset() {
        assertThat(text(new Object[]{
                OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 60_700_000, ZoneOffset.UTC),
                OffsetDateTime.of(999, 12, 31, 23, 59, 59, 1, ZoneOffset.ofHoursMinutes(-5, -30)),
                OffsetDateTime.of(12026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC)}))
                .isEqualTo("2026-01-02 03:04:05.060700000+00:00\t0999-12-31 23:59:59.000000001-05:30\t"
                        + "+12026-01-01T00:00Z\n");
    }

    @Test
    void rowsLongerThanItsBufferArriveWholeAndInOrder() throws SQLException {
        String paragraph = "x".repeat(50_000) + "\\" + "y".repeat(50_000);
        List<Integer> writes = new ArrayList<>();
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        CopyInserts.write(List.<Object[]>of(new Object[]{paragraph, 1}, new Object[]{paragraph, 2}), (bytes, length) -> {
            writes.add(length);
            text.write(bytes, 0, length);
        });

        String row = "x".repeat(50_000) + "\\\\" + "y".repeat(50_000);
        assertThat(text.toString(StandardCharsets.UTF_8)).isEqualTo(row + "\t1\n" + row + "\t2\n");
        assertThat(writes).hasSizeGreaterThan(1).allMatch(length -> length <= 64 * 1024);
    }

    private static String text(Object[]... rows) {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        try {
            CopyInserts.write(List.of(rows), (bytes, length) -> text.write(bytes, 0, length));
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        return text.toString(StandardCharsets.UTF_8);
    }
}
