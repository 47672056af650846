package news.timeline.query.audit;

import news.timeline.events.ErasureRequested;
import news.timeline.events.EventJson;
import news.timeline.events.UpdateErased;
import news.timeline.query.history.UpdateRevisions;
import news.timeline.query.store.ProjectionJson;
import news.timeline.query.timeline.PageCut;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every update a timeline ever held, newest first, retracted ones included, as auditors list them: a page at a
 * time, so that a timeline of a hundred thousand updates is not one page of them all.
 */
@Component
class AuditOverview {

    /** {@code next}: the {@code before} of the page of older updates, null on the last. */
    record Timeline(String id, String title, List<Update> updates, Long next) {
    }

    /** An update as first posted, and what became of it; an erased one has no headline left. */
    record Update(String id, long sequence, Instant postedAt, String postedBy, String firstHeadline, int revisions,
                  boolean retracted, boolean erased) {
    }

    /**
     * A legal erasure: who asked, who approved (none yet: waiting), why, under which order, what readers see, and
     * when this instance carried it out ({@code appliedHere}; none yet: not here).
     */
    record Erasure(String erasureId, String updateId, String requestedBy, Instant requestedAt, String approvedBy,
                   Instant approvedAt, String reason, String legalReference, String publicNote, Instant appliedHere) {

        Erasure approved(String approver, Instant at, Instant applied) {
            return new Erasure(erasureId, updateId, requestedBy, requestedAt, approver, at, reason, legalReference,
                    publicNote, applied);
        }
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
                            posted.headline(), rs.getInt("revisions"), rs.getInt("retractions") > 0,
                            UpdateRevisions.ERASED.equals(posted.kind()));
                },
                timelineId, before == null ? Long.MAX_VALUE : before, limit + 1);
        PageCut<Update> page = PageCut.of(updates, limit, Update::sequence);
        return new Timeline(timelineId, titles.get(0), page.items(), page.next());
    }

    /** The timeline's erasures, first asked first, from its audit log and this instance's receipts. */
    List<Erasure> erasures(String timelineId) {
        Map<String, Erasure> erasures = new LinkedHashMap<>();
        jdbc.query("SELECT envelope, actor, occurred_at FROM audit_entry WHERE timeline_id = ? "
                + "AND type IN ('ErasureRequested', 'UpdateErased') ORDER BY sequence", (RowCallbackHandler) rs -> {
                    Object payload = EventJson.read(rs.getString("envelope").getBytes(StandardCharsets.UTF_8))
                            .payload();
                    Instant at = ProjectionJson.instant(rs, "occurred_at");
                    if (payload instanceof ErasureRequested requested) {
                        erasures.put(requested.erasureId(), new Erasure(requested.erasureId(), requested.updateId(),
                                rs.getString("actor"), at, null, null, requested.reason(),
                                requested.legalReference(), requested.publicNote(), null));
                    } else if (payload instanceof UpdateErased erased && erasures.containsKey(erased.erasureId())) {
                        String approver = rs.getString("actor");
                        erasures.computeIfPresent(erased.erasureId(), (id, asked) -> asked.approved(approver, at,
                                null));
                    }
                }, timelineId);
        // receipts read once the log's rows are read: one connection at a time
        return erasures.values().stream().map(erasure -> erasure.approvedBy() == null ? erasure
                : erasure.approved(erasure.approvedBy(), erasure.approvedAt(),
                receipt(timelineId, erasure.erasureId()))).toList();
    }

    private Instant receipt(String timelineId, String erasureId) {
        return jdbc.query("SELECT applied_at FROM erasure WHERE timeline_id = ? AND erasure_id = ? "
                        + "AND applied_at IS NOT NULL",
                (rs, row) -> ProjectionJson.instant(rs, "applied_at"), timelineId, erasureId).stream().findFirst()
                .orElse(null);
    }
}
