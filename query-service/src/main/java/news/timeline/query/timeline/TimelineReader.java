package news.timeline.query.timeline;

import news.timeline.query.store.ProjectionJson;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** Reads the reader projection. */
@Repository
public class TimelineReader {

    private static final String UPDATE_COLUMNS = """
            u.update_id, u.posted_sequence, u.posted_at, u.modified_at, u.revision, u.status, u.key_event,
            u.headline, u.blocks, u.byline, u.change_kind, u.change_note, u.public_note
            """;

    private final JdbcTemplate jdbc;

    /** A timeline's own row: its page without updates, and which update is pinned. */
    private record Head(TimelinePage page, String pinnedUpdateId) {
    }

    public TimelineReader(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The most recently changed timelines first. */
    /**
     * Timelines most recently changed first, {@code limit} of them after {@code after} (the last of the page before;
     * null for the first), those whose title, summary or id holds {@code search} (any case) when one is given. Each
     * page is read from the last-change index from where the one before stopped, however deep the list.
     */
    public List<TimelineSummary> timelines(String search, TimelineListCursor after, int limit) {
        StringBuilder sql = new StringBuilder("""
                SELECT t.timeline_id, t.title, t.summary, t.status, t.opened_at, p.last_occurred_at AS updated_at,
                       p.last_sequence
                FROM timeline t JOIN timeline_position p ON p.timeline_id = t.timeline_id
                WHERE 1 = 1""");
        List<Object> arguments = new ArrayList<>();
        if (search != null && !search.isBlank()) {
            sql.append(" AND (LOWER(t.title) LIKE ? ESCAPE '\\' OR LOWER(t.summary) LIKE ? ESCAPE '\\'"
                    + " OR LOWER(t.timeline_id) LIKE ? ESCAPE '\\')");
            String pattern = "%" + search.strip().toLowerCase(Locale.ROOT)
                    .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            arguments.addAll(List.of(pattern, pattern, pattern));
        }
        if (after != null) {
            sql.append(" AND (p.last_occurred_at < ? OR (p.last_occurred_at = ? AND t.timeline_id > ?))");
            OffsetDateTime changed = after.updatedAt().atOffset(ZoneOffset.UTC);
            arguments.addAll(List.of(changed, changed, after.timelineId()));
        }
        sql.append(" ORDER BY p.last_occurred_at DESC, t.timeline_id LIMIT ?");
        arguments.add(limit);
        return jdbc.query(sql.toString(),
                (rs, row) -> new TimelineSummary(rs.getString("timeline_id"), rs.getString("title"),
                        rs.getString("summary"), TimelinePage.Status.valueOf(rs.getString("status")),
                        ProjectionJson.instant(rs, "opened_at"), ProjectionJson.instant(rs, "updated_at"),
                        rs.getLong("last_sequence")),
                arguments.toArray());
    }

    /**
     * A page of the timeline, newest first, the pinned update ahead of the first page. Each query reads one table by
     * its key or its newest-first index, so a page costs the same however long the timeline.
     */
    public Optional<TimelinePage> page(String timelineId, Long before, int limit) {
        List<Head> timelines = jdbc.query("""
                SELECT t.timeline_id, t.title, t.summary, t.status, t.opened_at, p.last_occurred_at AS updated_at,
                       t.closed_at, t.pinned_update_id, p.last_sequence, t.time_zone
                FROM timeline t JOIN timeline_position p ON p.timeline_id = t.timeline_id
                WHERE t.timeline_id = ?""",
                (rs, row) -> new Head(new TimelinePage(rs.getString("timeline_id"), rs.getString("title"),
                        rs.getString("summary"), TimelinePage.Status.valueOf(rs.getString("status")),
                        ProjectionJson.instant(rs, "opened_at"), ProjectionJson.instant(rs, "updated_at"),
                        ProjectionJson.instant(rs, "closed_at"), rs.getLong("last_sequence"), List.of(), null,
                        rs.getString("time_zone")),
                        rs.getString("pinned_update_id")),
                timelineId);
        if (timelines.isEmpty()) {
            return Optional.empty();
        }
        TimelinePage timeline = timelines.get(0).page();
        String pinned = timelines.get(0).pinnedUpdateId();
        List<UpdateView> updates = new ArrayList<>();
        if (before == null && pinned != null) {
            updates.addAll(jdbc.query("SELECT " + UPDATE_COLUMNS + """
                    FROM timeline_update u WHERE u.timeline_id = ? AND u.update_id = ?""",
                    (rs, row) -> update(rs, pinned), timelineId, pinned));
        }
        // two more than asked for: one may be the pinned update, shown above; one more tells whether a page follows.
        // Ordered as the newest-first index is, timeline first: H2 then reads only the page's rows from it
        List<UpdateView> newestFirst = jdbc.query("SELECT " + UPDATE_COLUMNS + """
                FROM timeline_update u
                WHERE u.timeline_id = ? AND u.posted_sequence < ?
                ORDER BY u.timeline_id, u.posted_sequence DESC
                LIMIT ?""", (rs, row) -> update(rs, null), timelineId,
                before == null ? Long.MAX_VALUE : before, limit + 2).stream()
                .filter(update -> !update.id().equals(pinned))
                .toList();
        PageCut<UpdateView> page = PageCut.of(newestFirst, limit, UpdateView::sequence);
        updates.addAll(page.items());
        return Optional.of(new TimelinePage(timeline.id(), timeline.title(), timeline.summary(), timeline.status(),
                timeline.openedAt(), timeline.updatedAt(), timeline.closedAt(), timeline.lastSequence(),
                List.copyOf(updates), page.next(), timeline.timeZone()));
    }

    /** The time zone a timeline has of its own (IANA), if it has one. */
    public Optional<String> timeZone(String timelineId) {
        return jdbc.query("SELECT time_zone FROM timeline WHERE timeline_id = ?",
                (rs, row) -> rs.getString("time_zone"), timelineId).stream().filter(Objects::nonNull).findFirst();
    }

    public Optional<UpdateView> update(String timelineId, String updateId) {
        return jdbc.query("SELECT " + UPDATE_COLUMNS + """
                , t.pinned_update_id FROM timeline_update u JOIN timeline t ON t.timeline_id = u.timeline_id
                WHERE u.timeline_id = ? AND u.update_id = ?""",
                (rs, row) -> update(rs, rs.getString("pinned_update_id")), timelineId, updateId)
                .stream().findFirst();
    }

    /** The update of the current row; pinned if it is {@code pinnedId}. */
    private static UpdateView update(ResultSet rs, String pinnedId) throws SQLException {
        UpdateView.Status status = UpdateView.Status.valueOf(rs.getString("status"));
        String changeKind = rs.getString("change_kind");
        return new UpdateView(
                rs.getString("update_id"),
                rs.getLong("posted_sequence"),
                ProjectionJson.instant(rs, "posted_at"),
                ProjectionJson.instant(rs, "modified_at"),
                rs.getInt("revision"),
                status,
                rs.getString("update_id").equals(pinnedId),
                rs.getBoolean("key_event"),
                rs.getString("headline"),
                ProjectionJson.blocks(rs.getString("blocks")),
                rs.getString("byline"),
                changeKind == null ? null : new UpdateView.LastChange(changeKind, rs.getString("change_note"),
                        ProjectionJson.instant(rs, "modified_at")),
                status != UpdateView.Status.LIVE ? new UpdateView.Retraction(rs.getString("public_note"),
                        ProjectionJson.instant(rs, "modified_at")) : null);
    }
}
