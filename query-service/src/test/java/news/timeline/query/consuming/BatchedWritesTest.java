package news.timeline.query.consuming;

import news.timeline.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The projections' batched writes on both databases: on PostgreSQL the inserts go as COPY, on H2 as JDBC batches;
 * either way every value comes back as it was written, a row's insert goes before its update, and a failed batch
 * leaves nothing behind.
 */
class BatchedWritesTest {

    private static final String POSTGRES_URL = TestPostgres.url();

    /** Text that a text format would have to escape or could mistake for its own markers, and text beyond ASCII. */
    private static final List<String> AWKWARD_TEXT = List.of("tab\there", "new\nline", "carriage\rreturn",
            "back\\slash", "\\N", "\\.", "quote ' and \" both", "Ünïcödé — “typographic” 🗞️", "", " ");

    private final String schema = "batched_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private JdbcTemplate jdbc;
    private boolean postgres;

    @AfterEach
    void dropSchema() {
        if (postgres) {
            jdbc.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "h2"})
    void everyValueComesBackAsItWasWritten(String database) {
        BatchedWrites writes = open(database);
        OffsetDateTime at = OffsetDateTime.of(2026, 11, 27, 14, 32, 5, 123_000_000, ZoneOffset.UTC);
        inTransaction(() -> {
            for (int i = 0; i < AWKWARD_TEXT.size(); i++) {
                writes.update("INSERT INTO item (id, label, flag, amount, at) VALUES (?, ?, ?, ?, ?)",
                        i, AWKWARD_TEXT.get(i), i % 2 == 0, 10_000_000_000L + i, at.plusSeconds(i));
            }
            writes.update("INSERT INTO item (id, label, flag, amount, at) VALUES (?, ?, ?, ?, ?)",
                    99, null, null, null, null);
            writes.flush();
        });

        List<Map<String, Object>> rows = jdbc.queryForList("SELECT * FROM item ORDER BY id");
        assertThat(rows).hasSize(AWKWARD_TEXT.size() + 1);
        for (int i = 0; i < AWKWARD_TEXT.size(); i++) {
            Map<String, Object> row = rows.get(i);
            assertThat(row.get("label")).isEqualTo(AWKWARD_TEXT.get(i));
            assertThat(row.get("flag")).isEqualTo(i % 2 == 0);
            assertThat(((Number) row.get("amount")).longValue()).isEqualTo(10_000_000_000L + i);
            assertThat(jdbc.queryForObject("SELECT at FROM item WHERE id = ?", OffsetDateTime.class, i))
                    .isEqualTo(at.plusSeconds(i));
        }
        assertThat(rows.get(AWKWARD_TEXT.size())).containsEntry("label", null).containsEntry("flag", null)
                .containsEntry("amount", null).containsEntry("at", null);
    }

    /** Nanoseconds to the microsecond PostgreSQL keeps, as it rounds a timestamp written as text, ties included. */
    @Test
    void aTimestampCopiedIsTheOneTheDatabaseReadsFromItsText() {
        BatchedWrites writes = open("postgres");
        OffsetDateTime second = OffsetDateTime.of(2026, 11, 27, 14, 32, 5, 0, ZoneOffset.UTC);
        List<Integer> nanos = List.of(0, 1, 499, 500, 501, 1_500, 2_500, 123_456_789, 999_999_499, 999_999_500,
                999_999_999);
        inTransaction(() -> {
            for (int i = 0; i < nanos.size(); i++) {
                writes.update("INSERT INTO item (id, at) VALUES (?, ?)", i, second.withNano(nanos.get(i)));
            }
            writes.flush();
        });

        for (int i = 0; i < nanos.size(); i++) {
            assertThat(jdbc.queryForObject("SELECT at = CAST(? AS TIMESTAMP WITH TIME ZONE) FROM item WHERE id = ?",
                    Boolean.class, "2026-11-27 14:32:05.%09d+00".formatted(nanos.get(i)), i))
                    .as("%d ns", nanos.get(i)).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "h2"})
    void aRowIsInsertedBeforeItIsChangedHoweverTheWritesInterleave(String database) {
        BatchedWrites writes = open(database);
        inTransaction(() -> {
            writes.update("INSERT INTO item (id, label) VALUES (?, ?)", 1, "first");
            writes.update("UPDATE item SET label = ? WHERE id = ?", "first, edited", 1);
            writes.update("INSERT INTO item (id, label) VALUES (?, ?)", 2, "second");
            writes.update("UPDATE item SET label = ? WHERE id = ?", "second, edited", 2);
            writes.update("UPDATE item SET label = label || ', twice' WHERE id = ?", 1);
            writes.update("DELETE FROM item WHERE id = ?", 2);
            writes.flush();
        });

        assertThat(jdbc.queryForList("SELECT label FROM item ORDER BY id", String.class))
                .containsExactly("first, edited, twice");
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "h2"})
    void aRowChangedInTheBatchThatInsertedItIsStoredAsItEndsUp(String database) {
        BatchedWrites writes = open(database);
        inTransaction(() -> writes.update("INSERT INTO item (id, label, flag) VALUES (?, ?, ?)", 1, "stored", false));
        inTransaction(() -> {
            writes.update("INSERT INTO item (id, label, flag) VALUES (?, ?, ?)", 2, "new", false);
            writes.update("UPDATE item SET label = ?, flag = TRUE WHERE id = ?", "new, edited", 2);
            writes.update("UPDATE item SET label = ? WHERE id = ?", "stored, edited", 1);
            writes.update("INSERT INTO item (id, label, flag) VALUES (?, ?, ?)", 3, "newer", true);
            writes.update("UPDATE item SET label = NULL, flag = FALSE WHERE id = ?", 3);
            writes.update("UPDATE item SET label = 'newer, it''s back' WHERE id = ?", 3);
            writes.flush();
        });

        assertThat(jdbc.queryForList("SELECT label FROM item ORDER BY id", String.class))
                .containsExactly("stored, edited", "new, edited", "newer, it's back");
        assertThat(jdbc.queryForList("SELECT flag FROM item ORDER BY id", Boolean.class))
                .containsExactly(false, true, false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "h2"})
    void changesAfterOneTheDatabaseMustMakeFollowIt(String database) {
        BatchedWrites writes = open(database);
        inTransaction(() -> {
            writes.update("INSERT INTO item (id, label) VALUES (?, ?)", 1, "a");
            writes.update("INSERT INTO item (id, label) VALUES (?, ?)", 2, "x");
            writes.update("UPDATE item SET label = label || 'b' WHERE id = ?", 1);
            writes.update("UPDATE item SET label = ? WHERE id = ?", "c", 1);
            writes.update("UPDATE item SET flag = TRUE WHERE id = ?", 2);
            writes.update("UPDATE item SET label = label || 'y' WHERE id = ?", 2);
            writes.flush();
        });
        inTransaction(() -> {
            // the insert does not name flag: this change is left to the database, and the next follows it
            writes.update("INSERT INTO item (id, label) VALUES (?, ?)", 3, "p");
            writes.update("UPDATE item SET flag = TRUE, label = 'f' WHERE id = ?", 3);
            writes.update("UPDATE item SET label = ? WHERE id = ?", "q", 3);
            writes.flush();
        });

        assertThat(jdbc.queryForList("SELECT label FROM item ORDER BY id", String.class))
                .containsExactly("c", "xy", "q");
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "h2"})
    void anUpdateOfATableWithoutAPrimaryKeyChangesEveryRowItNames(String database) {
        BatchedWrites writes = open(database);
        jdbc.execute("CREATE TABLE note (item_id INTEGER NOT NULL, label VARCHAR(100))");
        inTransaction(() -> {
            writes.update("INSERT INTO note (item_id, label) VALUES (?, ?)", 1, "first");
            writes.update("INSERT INTO note (item_id, label) VALUES (?, ?)", 1, "second");
            writes.update("UPDATE note SET label = ? WHERE item_id = ?", "both", 1);
            writes.flush();
        });

        assertThat(jdbc.queryForList("SELECT label FROM note", String.class)).containsExactly("both", "both");
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "h2"})
    void aCompositeKeyIsMatchedWhateverTheOrderOfTheConditions(String database) {
        BatchedWrites writes = open(database);
        jdbc.execute("CREATE TABLE part (item_id INTEGER, part_id VARCHAR(10), label VARCHAR(100), "
                + "PRIMARY KEY (item_id, part_id))");
        inTransaction(() -> {
            writes.update("INSERT INTO part (part_id, item_id, label) VALUES (?, ?, ?)", "a", 1, "one");
            writes.update("INSERT INTO part (part_id, item_id, label) VALUES (?, ?, ?)", "a", 2, "two");
            writes.update("UPDATE part SET label = ? WHERE part_id = ? AND item_id = ?", "two, edited", "a", 2);
            writes.flush();
        });

        assertThat(jdbc.queryForList("SELECT label FROM part ORDER BY item_id", String.class))
                .containsExactly("one", "two, edited");
    }

    /** UTF-8 bytes go as text; a long for an int column is no value a binary COPY takes, so the run goes by JDBC. */
    @ParameterizedTest
    @ValueSource(strings = {"postgres", "h2"})
    void textGivenAsUtf8AndValuesCopyDoesNotTakeComeBackAsWritten(String database) {
        BatchedWrites writes = open(database);
        String json = "{\"text\":\"Ünïcödé — “typographic” 🗞️ \\\\ back\\\\slash\"}";
        inTransaction(() -> {
            writes.update("INSERT INTO item (id, label) VALUES (?, ?)", 1, new Utf8Text(json.getBytes(UTF_8)));
            writes.flush();
            writes.update("INSERT INTO item (id, label, amount) VALUES (?, ?, ?)", 2L, new Utf8Text(new byte[0]), 7);
            writes.flush();
        });

        assertThat(jdbc.queryForList("SELECT label FROM item ORDER BY id", String.class)).containsExactly(json, "");
        assertThat(jdbc.queryForObject("SELECT amount FROM item WHERE id = 2", Long.class)).isEqualTo(7);
    }

    /** What the database was asked to do, from its own count of this transaction's writes. */
    @Test
    void onPostgresqlARowChangedInTheBatchThatInsertedItIsInsertedOnceAndNeverUpdated() {
        BatchedWrites writes = open("postgres");
        Map<String, Object> counted = new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()))
                .execute(status -> {
                    writes.update("INSERT INTO item (id, label, flag) VALUES (?, ?, ?)", 1, "posted", true);
                    writes.update("UPDATE item SET label = ? WHERE id = ?", "corrected", 1);
                    writes.update("UPDATE item SET label = ?, flag = FALSE WHERE id = ?", "corrected again", 1);
                    writes.flush();
                    return jdbc.queryForMap("SELECT n_tup_ins, n_tup_upd FROM pg_stat_xact_user_tables "
                            + "WHERE schemaname = ? AND relname = 'item'", schema);
                });

        assertThat(counted).containsEntry("n_tup_ins", 1L).containsEntry("n_tup_upd", 0L);
        assertThat(jdbc.queryForObject("SELECT label FROM item", String.class)).isEqualTo("corrected again");
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "h2"})
    void aBatchThatFailsLeavesNothing(String database) {
        BatchedWrites writes = open(database);
        assertThatThrownBy(() -> inTransaction(() -> {
            writes.update("INSERT INTO item (id, label) VALUES (?, ?)", 1, "kept?");
            writes.update("INSERT INTO item (id, label) VALUES (?, ?)", 1, "the same key again");
            writes.flush();
        })).isInstanceOf(RuntimeException.class);
        writes.discard();

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM item", Long.class)).isZero();
    }

    private BatchedWrites open(String database) {
        postgres = database.equals("postgres");
        DriverManagerDataSource dataSource = postgres
                ? new DriverManagerDataSource(POSTGRES_URL + "?currentSchema=" + schema, "postgres", "")
                : new DriverManagerDataSource("jdbc:h2:mem:" + schema + ";DB_CLOSE_DELAY=-1");
        jdbc = new JdbcTemplate(dataSource);
        if (postgres) {
            jdbc.execute("CREATE SCHEMA " + schema);
        }
        jdbc.execute("""
                CREATE TABLE item (id INTEGER PRIMARY KEY, label VARCHAR(1000), flag BOOLEAN, amount BIGINT,
                                   at TIMESTAMP WITH TIME ZONE)""");
        return new BatchedWrites(dataSource);
    }

    private void inTransaction(Runnable work) {
        new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()))
                .executeWithoutResult(status -> work.run());
    }
}
