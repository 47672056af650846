package news.timeline.query.history;

import news.timeline.query.consuming.ProjectionJson;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.util.List;

/** An update's public history, the transparency readers are owed about corrections. */
@RestController
class HistoryController {

    private final JdbcTemplate jdbc;

    HistoryController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/api/timelines/{timelineId}/updates/{updateId}/history")
    PublicHistory history(@PathVariable String timelineId, @PathVariable String updateId) {
        List<PublicHistory.Revision> revisions = jdbc.query("""
                SELECT revision, kind, note, occurred_at, headline, blocks, key_event
                FROM update_revision WHERE timeline_id = ? AND update_id = ? ORDER BY revision""",
                (rs, row) -> new PublicHistory.Revision(rs.getInt("revision"), rs.getString("kind"),
                        rs.getString("note"), ProjectionJson.instant(rs, "occurred_at"), rs.getString("headline"),
                        ProjectionJson.blocks(rs.getString("blocks")), (Boolean) rs.getObject("key_event")),
                timelineId, updateId);
        if (revisions.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND,
                    "timeline " + timelineId + " has no update " + updateId);
        }
        boolean retracted = HistoryProjection.RETRACTION.equals(revisions.get(revisions.size() - 1).kind());
        return new PublicHistory(timelineId, updateId, retracted,
                retracted ? revisions.stream().map(HistoryController::withoutContent).toList() : revisions);
    }

    private static PublicHistory.Revision withoutContent(PublicHistory.Revision revision) {
        return new PublicHistory.Revision(revision.revision(), revision.kind(), revision.note(), revision.at(),
                null, null, null);
    }
}
