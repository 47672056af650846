package news.timeline.query.consuming;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

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

    void save(String timelineId, long lastSequence) {
        int updated = jdbc.update("UPDATE timeline_position SET last_sequence = ? WHERE timeline_id = ?",
                lastSequence, timelineId);
        if (updated == 0) {
            jdbc.update("INSERT INTO timeline_position (timeline_id, last_sequence) VALUES (?, ?)",
                    timelineId, lastSequence);
        }
    }
}
