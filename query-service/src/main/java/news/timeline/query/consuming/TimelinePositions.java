package news.timeline.query.consuming;

import news.timeline.events.EventEnvelope;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.time.OffsetDateTime;
import java.util.List;

/** The last applied sequence of each timeline; -1 before its first event. */
@Repository
public class TimelinePositions {

    public static final long NOTHING_APPLIED = -1;

    private final JdbcTemplate jdbc;

    TimelinePositions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public long lastSequence(String timelineId) {
        List<Long> found = jdbc.queryForList("SELECT last_sequence FROM timeline_position WHERE timeline_id = ?",
                Long.class, timelineId);
        return found.isEmpty() ? NOTHING_APPLIED : found.get(0);
    }

    /** The timeline's last applied event: its sequence, and when it occurred (when the timeline last changed). */
    void save(EventEnvelope last) {
        OffsetDateTime occurredAt = ProjectionJson.timestamp(last.occurredAt());
        int updated = jdbc.update("""
                UPDATE timeline_position SET last_sequence = ?, last_occurred_at = ? WHERE timeline_id = ?""",
                last.sequence(), occurredAt, last.timelineId());
        if (updated == 0) {
            jdbc.update("""
                    INSERT INTO timeline_position (timeline_id, last_sequence, last_occurred_at) VALUES (?, ?, ?)""",
                    last.timelineId(), last.sequence(), occurredAt);
        }
    }
}
