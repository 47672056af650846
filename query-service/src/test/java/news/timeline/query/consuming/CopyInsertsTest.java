package news.timeline.query.consuming;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
        assertThat(CopyInserts.copyable(List.<Object[]>of(new Object[]{Instant.now()}))).isFalse();
        assertThat(CopyInserts.copyable(List.<Object[]>of(new Object[]{new byte[]{1}}))).isFalse();
    }

    @Test
    void rowsAreTabSeparatedWithBackslashEscapesAndNullAsBackslashN() {
        assertThat(CopyInserts.text(List.of(new Object[]{"a\tb\\c\nd\re", null, true, 7L},
                new Object[]{"\\N", "", false, 0})))
                .isEqualTo("a\\tb\\\\c\\nd\\re\t\\N\tt\t7\n\\\\N\t\tf\t0\n");
    }

    @Test
    void timestampsAreWrittenToTheNanosecondWithTheirOffset() {
        assertThat(CopyInserts.text(List.<Object[]>of(new Object[]{
                OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 60_700_000, ZoneOffset.UTC),
                OffsetDateTime.of(999, 12, 31, 23, 59, 59, 1, ZoneOffset.ofHoursMinutes(-5, -30)),
                OffsetDateTime.of(12026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC)})))
                .isEqualTo("2026-01-02 03:04:05.060700000+00:00\t0999-12-31 23:59:59.000000001-05:30\t"
                        + "+12026-01-01T00:00Z\n");
    }
}
