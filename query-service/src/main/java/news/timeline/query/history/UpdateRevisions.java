package news.timeline.query.history;

import news.timeline.events.Block;
import news.timeline.events.Content;
import com.fasterxml.jackson.databind.JsonNode;
import news.timeline.events.EventChain;
import news.timeline.events.EventEnvelope;
import news.timeline.events.EventJson;
import news.timeline.events.UpdateEdited;
import news.timeline.events.UpdatePosted;
import news.timeline.events.UpdateRetracted;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * Every revision of an update, read from the audit log: the events that posted, edited and retracted it, as they
 * arrived. The log holds each revision's words once; no table repeats them.
 */
@Repository
public class UpdateRevisions {

    public static final String POSTED = "POSTED";
    public static final String RETRACTION = "RETRACTION";
    /** A revision whose words were erased by law (the kind it was went with them). */
    public static final String ERASED = "ERASED";
    /** The audit log's entries that make a revision, for a query's {@code type IN (...)}. */
    public static final String TYPES = "'UpdatePosted', 'UpdateEdited', 'UpdateRetracted'";

    /**
     * One revision. {@code kind}: POSTED, an edit's kind (CORRECTION, ...) or RETRACTION; {@code content} is absent
     * for a retraction, {@code reason} (the newsroom's own) present only for one.
     */
    public record Revision(int revision, long sequence, String kind, String actor, Instant at, String note,
                           String reason, Content content) {

        public String headline() {
            return content == null ? null : content.headline();
        }

        public List<Block> blocks() {
            return content == null ? null : content.blocks();
        }

        public Boolean keyEvent() {
            return content == null ? null : content.keyEvent();
        }
    }

    private final JdbcTemplate jdbc;

    UpdateRevisions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The update's revisions, first to last; none when the timeline has no such update. */
    public List<Revision> of(String timelineId, String updateId) {
        return jdbc.query("SELECT envelope FROM audit_entry WHERE timeline_id = ? AND update_id = ? AND type IN ("
                        + TYPES + ") ORDER BY sequence", (rs, row) -> read(rs), timelineId, updateId);
    }

    /** The revision an entry of the audit log made, from its {@code envelope} column. */
    public static Revision read(ResultSet entry) throws SQLException {
        byte[] envelope = entry.getString("envelope").getBytes(StandardCharsets.UTF_8);
        JsonNode erased = tree(envelope);
        if (erased.has(EventChain.ERASURE)) {
            // its words are gone by law: which revision it was, when and by whom, and no more
            return new Revision(erased.path("payload").path("revision").asInt(1), erased.path("sequence").asLong(),
                    ERASED, erased.path("actor").asText(null), Instant.parse(erased.path("occurredAt").asText()),
                    null, null, null);
        }
        EventEnvelope event = EventJson.read(envelope);
        if (event.payload() instanceof UpdatePosted posted) {
            return new Revision(1, event.sequence(), POSTED, event.actor(), posted.publishedAt(event.occurredAt()),
                    null, null, posted.content());
        } else if (event.payload() instanceof UpdateEdited edited) {
            return new Revision(edited.revision(), event.sequence(), edited.change().kind().name(), event.actor(),
                    event.occurredAt(), edited.change().note(), null, edited.content());
        } else if (event.payload() instanceof UpdateRetracted retracted) {
            return new Revision(retracted.revision(), event.sequence(), RETRACTION, event.actor(),
                    event.occurredAt(), retracted.publicNote(), retracted.reason(), null);
        }
        throw new IllegalStateException(event.type() + " #" + event.sequence() + " of " + event.timelineId()
                + " is not a revision of an update");
    }

    private static JsonNode tree(byte[] envelope) {
        try {
            return EventJson.mapper().readTree(envelope);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
