package news.timeline.command.timeline;

import news.timeline.command.CommandStoreDatabase;
import news.timeline.events.Block;
import news.timeline.events.Change;
import news.timeline.events.ChangeKind;
import news.timeline.events.Content;
import news.timeline.events.EventJson;
import news.timeline.events.TimelineEvent;
import news.timeline.events.UpdateEdited;
import news.timeline.events.UpdatePinned;
import news.timeline.events.UpdatePosted;
import news.timeline.events.UpdateRetracted;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A store that held updates before the register existed has them all registered by its migration (4). */
class RegisterEarlierUpdatesTest {

    private static final Content CONTENT = new Content("Headline", List.of(new Block.Paragraph("text")), false);
    private static final Change TYPO = new Change(ChangeKind.TYPO, null);

    private final JdbcDataSource database = CommandStoreDatabase.empty();
    private final JdbcTemplate jdbc = new JdbcTemplate(database);

    @Test
    void registersEachEarlierUpdateAtItsLastRevisionAndStatus() throws Exception {
        CommandStoreDatabase.migrations(database).target("3").load().migrate();
        store("story", new UpdatePosted("story", "u1", CONTENT, "editor"), new UpdatePosted("story", "u2", CONTENT),
                new UpdateEdited("story", "u1", 2, CONTENT, TYPO), new UpdatePinned("story", "u1"),
                new UpdateRetracted("story", "u2", 2, "reason", "note"),
                new UpdateEdited("story", "u1", 3, CONTENT, TYPO));
        store("other", new UpdatePosted("other", "u1", CONTENT));

        CommandStoreDatabase.migrations(database).load().migrate();

        UpdateRegister register = new UpdateRegister(jdbc);
        assertThat(register.find("story", "u1")).contains(new UpdateState("u1", 3, false, false));
        assertThat(register.find("story", "u2")).contains(new UpdateState("u2", 2, true, false));
        assertThat(register.find("other", "u1")).contains(new UpdateState("u1", 1, false, false));
        assertThat(register.find("other", "u2")).isEmpty();
    }

    /** Each event as Axon's JDBC store keeps it: its type's name and its JSON. */
    private void store(String timelineId, TimelineEvent... events) throws Exception {
        Long stored = jdbc.queryForObject(
                "SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class, timelineId);
        long sequence = stored == null ? 0 : stored;
        for (TimelineEvent event : events) {
            jdbc.update("INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, "
                            + "event_identifier, payload, payload_type, time_stamp) VALUES (?, ?, 'Timeline', ?, ?, ?, ?)",
                    timelineId, sequence++, UUID.randomUUID().toString(), EventJson.mapper().writeValueAsBytes(event),
                    event.getClass().getName(), "2026-12-04T12:00:00Z");
        }
    }
}
