package news.timeline.query.audit;

import news.timeline.query.consuming.ProjectionJson;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

import java.time.Instant;
import java.util.List;

/** Every update a timeline ever held, newest first, retracted ones included, as auditors list them. */
@Component
class AuditOverview {

    record Timeline(String id, String title, List<Update> updates) {
    }

    /** An update as first posted, and what became of it. */
    record Update(String id, long sequence, Instant postedAt, String postedBy, String firstHeadline, int revisions,
                  boolean retracted) {
    }

    private final JdbcTemplate jdbc;

    AuditOverview(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Timeline of(String timelineId) {
        List<String> titles = jdbc.queryForList("SELECT title FROM timeline WHERE timeline_id = ?", String.class,
                timelineId);
        if (titles.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no timeline " + timelineId);
        }
        List<Update> updates = jdbc.query("""
                SELECT f.update_id, f.sequence, f.occurred_at, f.actor, f.headline,
                       (SELECT COUNT(*) FROM update_revision r
                        WHERE r.timeline_id = f.timeline_id AND r.update_id = f.update_id) AS revisions,
                       (SELECT COUNT(*) FROM update_revision r
                        WHERE r.timeline_id = f.timeline_id AND r.update_id = f.update_id
                          AND r.kind = 'RETRACTION') AS retractions
                FROM update_revision f WHERE f.timeline_id = ? AND f.revision = 1
                ORDER BY f.sequence DESC""",
                (rs, row) -> new Update(rs.getString("update_id"), rs.getLong("sequence"),
                        ProjectionJson.instant(rs, "occurred_at"), rs.getString("actor"), rs.getString("headline"),
                        rs.getInt("revisions"), rs.getInt("retractions") > 0),
                timelineId);
        return new Timeline(timelineId, titles.get(0), updates);
    }
}
