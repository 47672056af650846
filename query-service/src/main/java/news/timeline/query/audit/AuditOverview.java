package news.timeline.query.audit;

import news.timeline.query.history.UpdateRevisions;
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
                SELECT f.update_id, f.envelope,
                       (SELECT COUNT(*) FROM audit_entry r
                        WHERE r.timeline_id = f.timeline_id AND r.update_id = f.update_id
                          AND r.type IN (%s)) AS revisions,
                       (SELECT COUNT(*) FROM audit_entry r
                        WHERE r.timeline_id = f.timeline_id AND r.update_id = f.update_id
                          AND r.type = 'UpdateRetracted') AS retractions
                FROM audit_entry f WHERE f.timeline_id = ? AND f.type = 'UpdatePosted'
                ORDER BY f.sequence DESC""".formatted(UpdateRevisions.TYPES),
                (rs, row) -> {
                    UpdateRevisions.Revision posted = UpdateRevisions.read(rs);
                    return new Update(rs.getString("update_id"), posted.sequence(), posted.at(), posted.actor(),
                            posted.headline(), rs.getInt("revisions"), rs.getInt("retractions") > 0);
                },
                timelineId);
        return new Timeline(timelineId, titles.get(0), updates);
    }
}
