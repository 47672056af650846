package news.timeline.query.history;

import news.timeline.query.consuming.ProjectionJson;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.Optional;

/** Reads revisions for readers: once an update is retracted, none of its words are given out any more. */
@Repository
public class HistoryReader {

    private final JdbcTemplate jdbc;

    HistoryReader(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<PublicHistory> publicHistory(String timelineId, String updateId) {
        List<PublicHistory.Revision> revisions = jdbc.query("""
                SELECT revision, kind, note, occurred_at, headline, blocks, key_event
                FROM update_revision WHERE timeline_id = ? AND update_id = ? ORDER BY revision""",
                (rs, row) -> new PublicHistory.Revision(rs.getInt("revision"), rs.getString("kind"),
                        rs.getString("note"), ProjectionJson.instant(rs, "occurred_at"), rs.getString("headline"),
                        ProjectionJson.blocks(rs.getString("blocks")), (Boolean) rs.getObject("key_event")),
                timelineId, updateId);
        if (revisions.isEmpty()) {
            return Optional.empty();
        }
        boolean retracted = HistoryProjection.RETRACTION.equals(revisions.get(revisions.size() - 1).kind());
        return Optional.of(new PublicHistory(timelineId, updateId, retracted,
                retracted ? revisions.stream().map(HistoryReader::withoutContent).toList() : revisions));
    }

    private static PublicHistory.Revision withoutContent(PublicHistory.Revision revision) {
        return new PublicHistory.Revision(revision.revision(), revision.kind(), revision.note(), revision.at(),
                null, null, null);
    }
}
