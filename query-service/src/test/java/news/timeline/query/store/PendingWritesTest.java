package news.timeline.query.store;

import news.timeline.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.dao.DuplicateKeyException;
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
 * The projections' pending writes on both databases: on PostgreSQL the inserts go as COPY, on H2 as JDBC batches;
 * either way every value comes back as it was written, a row's insert goes before its update, and a failed batch
 * leaves nothing behind.
 */
class PendingWritesTest {

    private static final Table ITEM = Table.named("item")
            .int4("id").text("label").bool("flag").int8("amount").timestamp("at")
            .key("id");
    private static final Table PART = Table.named("part")
            .int4("item_id").text("part_id").text("label")
            .key("item_id", "part_id");

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
        PendingWrites writes = open(database);
        OffsetDateTime at = OffsetDateTime.of(2026, 11, 27, 14, 32, 5, 123_000_000, ZoneOffset.UTC);
        inTransaction(() -> {
            for (int i = 0; i < AWKWARD_TEXT.size(); i++) {
                writes.insert(ITEM.row().set("id", i).set("label", AWKWARD_TEXT.get(i)).set("flag", i % 2 == 0)
                        .set("amount", 10_000_000_000L + i).set("at", at.plusSeconds(i)));
            }
            writes.insert(ITEM.row().set("id", 99));
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
        PendingWrites writes = open("postgres");
        OffsetDateTime second = OffsetDateTime.of(2026, 11, 27, 14, 32, 5, 0, ZoneOffset.UTC);
        List<Integer> nanos = List.of(0, 1, 499, 500, 501, 1_500, 2_500, 123_456_789, 999_999_499, 999_999_500,
                999_999_999);
        inTransaction(() -> {
            for (int i = 0; i < nanos.size(); i++) {
                writes.insert(ITEM.row().set("id", i).set("at", second.withNano(nanos.get(i))));
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
        PendingWrites writes = open(database);
        inTransaction(() -> {
            writes.insert(item(1).set("label", "first"));
            writes.update(item(1).set("label", "first, edited"));
            writes.insert(item(2).set("label", "second"));
            writes.update(item(2).set("label", "second, edited"));
            writes.update(item(1).set("label", "first, edited, twice"));
            writes.delete(ITEM, 2);
            writes.flush();
        });

        assertThat(jdbc.queryForList("SELECT label FROM item ORDER BY id", String.class))
                .containsExactly("first, edited, twice");
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "h2"})
    void aRowChangedInTheBatchThatInsertedItIsStoredAsItEndsUp(String database) {
        PendingWrites writes = open(database);
        inTransaction(() -> {
            writes.insert(item(1).set("label", "stored").set("flag", false));
            writes.flush();
        });
        inTransaction(() -> {
            writes.insert(item(2).set("label", "new").set("flag", false));
            writes.update(item(2).set("label", "new, edited").set("flag", true));
            writes.update(item(1).set("label", "stored, edited"));
            writes.insert(item(3).set("label", "newer").set("flag", true));
            writes.update(item(3).set("label", null).set("flag", false));
            writes.update(item(3).set("label", "newer, it's back"));
            writes.flush();
        });

        assertThat(jdbc.queryForList("SELECT label FROM item ORDER BY id", String.class))
                .containsExactly("stored, edited", "new, edited", "newer, it's back");
        assertThat(jdbc.queryForList("SELECT flag FROM item ORDER BY id", Boolean.class))
                .containsExactly(false, true, false);
    }

    /** A stored row deleted and inserted again in one batch: the insert follows the delete, and so do its changes. */
    @ParameterizedTest
    @ValueSource(strings = {"postgres", "h2"})
    void writesToARowStoredBeforeTheBatchFollowEachOther(String database) {
        PendingWrites writes = open(database);
        inTransaction(() -> {
            writes.insert(item(1).set("label", "a").set("amount", 7L));
            writes.insert(item(2).set("label", "x"));
            writes.flush();
        });
        inTransaction(() -> {
            writes.update(item(1).set("label", "b"));
            writes.delete(ITEM, 1);
            writes.insert(item(1).set("label", "c"));
            writes.update(item(1).set("flag", true));
            writes.insert(item(3).set("label", "p"));
            writes.update(item(2).set("label", "xy"));
            writes.flush();
        });

        assertThat(jdbc.queryForList("SELECT label FROM item ORDER BY id", String.class))
                .containsExactly("c", "xy", "p");
        assertThat(jdbc.queryForMap("SELECT flag, amount FROM item WHERE id = 1"))
                .containsEntry("flag", true).containsEntry("amount", null);
    }

    @Test
    void aTableIsWrittenOnlyByItsDeclaredKeyColumnsAndTypes() {
        assertThatThrownBy(() -> Table.named("note").int4("item_id").text("label").row())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("declares no key");
        assertThatThrownBy(() -> ITEM.row().set("colour", "red"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no column colour");
        assertThatThrownBy(() -> ITEM.row().set("id", 1L))
                .as("a long for an int column").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ITEM.row().set("at", java.time.Instant.now()))
                .isInstanceOf(IllegalArgumentException.class);
        PendingWrites writes = open("h2");
        assertThatThrownBy(() -> writes.update(ITEM.row().set("label", "whose?")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("item.id is in the key");
        assertThatThrownBy(() -> writes.update(item(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sets nothing but the key");
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "h2"})
    void aCompositeKeyIsMatchedWhateverTheOrderItsColumnsAreSetIn(String database) {
        PendingWrites writes = open(database);
        jdbc.execute("CREATE TABLE part (item_id INTEGER, part_id VARCHAR(10), label VARCHAR(100), "
                + "PRIMARY KEY (item_id, part_id))");
        inTransaction(() -> {
            writes.insert(PART.row().set("part_id", "a").set("item_id", 1).set("label", "one"));
            writes.insert(PART.row().set("part_id", "a").set("item_id", 2).set("label", "two"));
            writes.update(PART.row().set("label", "two, edited").set("item_id", 2).set("part_id", "a"));
            writes.flush();
        });

        assertThat(jdbc.queryForList("SELECT label FROM part ORDER BY item_id", String.class))
                .containsExactly("one", "two, edited");
    }

    /** UTF-8 bytes go as text; an int given for a bigint column is kept as the long it stands for. */
    @ParameterizedTest
    @ValueSource(strings = {"postgres", "h2"})
    void textGivenAsUtf8AndAnIntForABigintComeBackAsWritten(String database) {
        PendingWrites writes = open(database);
        String json = "{\"text\":\"Ünïcödé — “typographic” 🗞️ \\\\ back\\\\slash\"}";
        inTransaction(() -> {
            writes.insert(item(1).set("label", new Utf8Text(json.getBytes(UTF_8))));
            writes.flush();
            writes.insert(item(2).set("label", new Utf8Text(new byte[0])).set("amount", 7));
            writes.update(item(2).set("amount", 8));
            writes.flush();
        });

        assertThat(jdbc.queryForList("SELECT label FROM item ORDER BY id", String.class)).containsExactly(json, "");
        assertThat(jdbc.queryForObject("SELECT amount FROM item WHERE id = 2", Long.class)).isEqualTo(8);
    }

    /** What the database was asked to do, from its own count of this transaction's writes. */
    @Test
    void onPostgresqlARowChangedInTheBatchThatInsertedItIsInsertedOnceAndNeverUpdated() {
        PendingWrites writes = open("postgres");
        Map<String, Object> counted = new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()))
                .execute(status -> {
                    writes.insert(item(1).set("label", "posted").set("flag", true));
                    writes.update(item(1).set("label", "corrected"));
                    writes.update(item(1).set("label", "corrected again").set("flag", false));
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
        PendingWrites writes = open(database);
        inTransaction(() -> {
            writes.insert(item(1).set("label", "stored"));
            writes.flush();
        });
        assertThatThrownBy(() -> inTransaction(() -> {
            writes.insert(item(2).set("label", "kept?"));
            writes.insert(item(1).set("label", "the same key as a stored row"));
            writes.flush();
        })).isInstanceOf(RuntimeException.class);
        writes.discard();
        writes.insert(item(3).set("label", "twice"));
        assertThatThrownBy(() -> writes.insert(item(3).set("label", "in one batch")))
                .isInstanceOf(DuplicateKeyException.class);
        writes.discard();

        assertThat(jdbc.queryForList("SELECT label FROM item", String.class)).containsExactly("stored");
    }

    private static Row item(int id) {
        return ITEM.row().set("id", id);
    }

    private PendingWrites open(String database) {
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
        return new PendingWrites(dataSource);
    }

    private void inTransaction(Runnable work) {
        new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()))
                .executeWithoutResult(status -> work.run());
    }
}
