package news.timeline.query.history;

import news.timeline.events.Content;
import news.timeline.events.EventEnvelope;
import news.timeline.events.TimelineEvent;
import news.timeline.events.UpdateEdited;
import news.timeline.events.UpdateEvent;
import news.timeline.events.UpdatePosted;
import news.timeline.events.UpdateRetracted;
import news.timeline.query.consuming.Projection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;

import static news.timeline.query.consuming.ProjectionJson.blocks;
import static news.timeline.query.consuming.ProjectionJson.timestamp;

/** The history: every revision of every update, and the audit log of every event; rows are only ever added. */
@Component
class HistoryProjection implements Projection {

    static final String POSTED = "POSTED";
    static final String RETRACTION = "RETRACTION";

    private final JdbcTemplate jdbc;

    HistoryProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Projection into(JdbcTemplate target) {
        return new HistoryProjection(target);
    }

    @Override
    public void apply(EventEnvelope event, byte[] json) {
        jdbc.update("""
                INSERT INTO audit_entry (timeline_id, sequence, event_id, type, actor, occurred_at, update_id, envelope)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                event.timelineId(), event.sequence(), event.eventId(), event.type(), event.actor(),
                timestamp(event.occurredAt()),
                event.payload() instanceof UpdateEvent update ? update.updateId() : null,
                new String(json, StandardCharsets.UTF_8));
        TimelineEvent payload = event.payload();
        if (payload instanceof UpdatePosted posted) {
            revision(event, posted.updateId(), 1, POSTED, posted.content(), null, null);
        } else if (payload instanceof UpdateEdited edited) {
            revision(event, edited.updateId(), edited.revision(), edited.change().kind().name(), edited.content(),
                    edited.change().note(), null);
        } else if (payload instanceof UpdateRetracted retracted) {
            revision(event, retracted.updateId(), retracted.revision(), RETRACTION, null,
                    retracted.publicNote(), retracted.reason());
        }
    }

    private void revision(EventEnvelope event, String updateId, int revision, String kind, Content content,
                          String note, String reason) {
        jdbc.update("""
                INSERT INTO update_revision (timeline_id, update_id, revision, sequence, kind, headline, blocks,
                                             key_event, note, reason, actor, occurred_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                event.timelineId(), updateId, revision, event.sequence(), kind,
                content == null ? null : content.headline(), content == null ? null : blocks(content.blocks()),
                content == null ? null : content.keyEvent(), note, reason, event.actor(),
                timestamp(event.occurredAt()));
    }
}
