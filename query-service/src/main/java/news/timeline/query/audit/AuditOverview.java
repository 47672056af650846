package news.timeline.query.audit;

import news.timeline.query.history.UpdateRevisions;
import news.timeline.query.timeline.PageCut;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

import java.time.Instant;
import java.util.List;

/**
 * Every update a timeline ever held, newest first, retracted ones included, as auditors list them: a page at a
 * time, so that a timeline of a hundred thousand updates is not one page of them all.
 */
@Component
class AuditOverview {

    /** {@code next}: the {@code before} of the page of older updates, null on the last. */
    record Timeline(String id, String title, List<Update> updates, Long next) {
    }

    /** An update as first posted, and what became of it. */
    record Update(String id, long sequence, Instant postedAt, String postedBy, String firstHeadline, int revisions,
                  boolean retracted) {
    }

    private final JdbcTemplate jdbc;

    AuditOverview(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The {@code limit} newest updates posted before sequence {@code before} (none: from the newest). */
    Timeline of(String timelineId, Long before, int limit) {
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
                FROM audit_entry f WHERE f.timeline_id = ? AND f.sequence < ? AND f.type = 'UpdatePosted'
                ORDER BY f.sequence DESC LIMIT ?""".formatted(UpdateRevisions.TYPES),
                (rs, row) -> {
                    UpdateRevisions.Revision posted = UpdateRevisions.read(rs);
                    return new Update(rs.getString("update_id"), posted.sequence(), posted.at(), posted.actor(),
                            posted.headline(), rs.getInt("revisions"), rs.getInt("retractions") > 0);
                },
                timelineId, before == null ? Long.MAX_VALUE : before, limit + 1);
        PageCut<Update> page = PageCut.of(updates, limit, Update::sequence);
        return new Timeline(timelineId, titles.get(0), page.items(), page.next());
    }
}
