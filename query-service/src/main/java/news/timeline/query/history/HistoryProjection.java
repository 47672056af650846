package news.timeline.query.history;

import news.timeline.events.EventEnvelope;
import news.timeline.events.UpdateEvent;
import news.timeline.query.consuming.Projection;
import news.timeline.query.consuming.Utf8Text;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import static news.timeline.query.consuming.ProjectionJson.timestamp;

/**
 * The audit log: every event of every timeline, as it arrived; rows are only ever added. Each revision of an update
 * is its entry here ({@link UpdateRevisions}).
 */
@Component
class HistoryProjection implements Projection {

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
                INSERT INTO audit_entry (timeline_id, sequence, type, actor, occurred_at, update_id, envelope)
                VALUES (?, ?, ?, ?, ?, ?, ?)""",
                event.timelineId(), event.sequence(), event.type(), event.actor(),
                timestamp(event.occurredAt()),
                event.payload() instanceof UpdateEvent update ? update.updateId() : null,
                new Utf8Text(json));
    }
}
