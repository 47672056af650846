package news.timeline.query.consuming;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RowUpdateTest {

    private static final String RETRACTION = """
            UPDATE timeline_update SET revision = ?, status = 'RETRACTED', headline = NULL, key_event = FALSE,
                                       public_note = ?
            WHERE timeline_id = ? AND update_id = ?""";

    @Test
    void anUpdateOfParametersAndLiteralsByParametersIsARowUpdate() {
        RowUpdate update = RowUpdate.of(RETRACTION).orElseThrow();

        assertThat(update.table()).isEqualTo("timeline_update");
        assertThat(update.columns()).containsExactly("revision", "status", "headline", "key_event", "public_note");
        assertThat(update.keyColumns()).containsExactly("timeline_id", "update_id");
    }

    @Test
    void itSetsTheRowsColumnsToItsParametersAndLiteralsAndLeavesTheRest() {
        RowUpdate update = RowUpdate.of(RETRACTION).orElseThrow();
        List<String> columns = List.of("timeline_id", "update_id", "revision", "status", "headline", "key_event",
                "public_note", "byline");
        Object[] row = {"t1", "u1", 1, "LIVE", "Carwswell", true, null, "Reporter"};

        assertThat(update.applyTo(row, columns, new Object[]{2, "Withdrawn", "t1", "u1"})).isTrue();

        assertThat(row).containsExactly("t1", "u1", 2, "RETRACTED", null, false, "Withdrawn", "Reporter");
    }

    @Test
    void aRowWithoutEveryColumnItSetsIsLeftAsItWas() {
        RowUpdate update = RowUpdate.of("UPDATE item SET label = ?, flag = TRUE WHERE id = ?").orElseThrow();
        Object[] row = {1, "before"};

        assertThat(update.applyTo(row, List.of("id", "label"), new Object[]{"after", 1})).isFalse();

        assertThat(row).containsExactly(1, "before");
    }

    @Test
    void theKeyIsReadInTheOrderAskedForWhateverTheOrderOfTheConditions() {
        RowUpdate update = RowUpdate.of("UPDATE item SET label = ? WHERE b = ? AND a = ?").orElseThrow();

        assertThat(update.by(List.of("a", "b"))).isTrue();
        assertThat(update.by(List.of("a"))).isFalse();
        assertThat(update.by(List.of("a", "b", "c"))).isFalse();
        assertThat(update.key(List.of("a", "b"), new Object[]{"label", "B", "A"})).containsExactly("A", "B");
    }

    @Test
    void quotedTextIsALiteralWhateverItHolds() {
        RowUpdate update = RowUpdate.of("UPDATE item SET label = 'it''s ?, and = ?', flag = ? WHERE id = ?")
                .orElseThrow();
        Object[] row = {1, null, null};

        update.applyTo(row, List.of("id", "label", "flag"), new Object[]{true, 1});

        assertThat(row).containsExactly(1, "it's ?, and = ?", true);
    }

    @Test
    void anythingElseIsNot() {
        assertThat(Arrays.asList(
                "UPDATE item SET label = label || ? WHERE id = ?",
                "UPDATE item SET revision = revision + 1 WHERE id = ?",
                "UPDATE item SET label = ?",
                "UPDATE item SET label = ? WHERE id = ? OR id = ?",
                "UPDATE item SET label = ? WHERE id > ?",
                "UPDATE item SET label = ? WHERE id IN (SELECT id FROM other)",
                "UPDATE item SET label = ? WHERE id = ? RETURNING id",
                "DELETE FROM item WHERE id = ?",
                "INSERT INTO item (id) VALUES (?)"))
                .allSatisfy(sql -> assertThat(RowUpdate.of(sql)).as(sql).isEmpty());
    }
}
