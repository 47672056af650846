package news.timeline.command.timeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import news.timeline.events.Content;
import news.timeline.events.DraftEdited;
import news.timeline.events.DraftFiled;
import news.timeline.events.DraftPublished;
import news.timeline.events.DraftRejected;
import news.timeline.events.DraftScheduleCancelled;
import news.timeline.events.DraftScheduled;
import news.timeline.events.EventJson;
import news.timeline.events.UpdateErased;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Each draft of each timeline as it stands (table {@code timeline_draft}): what the timeline's rules need to accept
 * a change to one, and the desk's queue. Like the {@link UpdateRegister} it follows the events, written in the
 * transaction of the command that applied them, so an editor's queue holds a draft as soon as its filing is
 * answered.
 */
public class DraftRegister {

    private static final ObjectMapper JSON = EventJson.mapper();
    /** What the draft of an erased update keeps of its content: nothing. */
    private static final Content ERASED = new Content("", List.of(), false);
    private static final String COLUMNS = "draft_id, author, revision, status, content, byline, note, update_id, "
            + "publish_at, filed_at, changed_at, changed_by";

    private final JdbcTemplate jdbc;

    public DraftRegister(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<DraftState> find(String timelineId, String draftId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM timeline_draft WHERE timeline_id = ? AND draft_id = ?",
                DRAFT, timelineId, draftId).stream().findFirst().map(Draft::state);
    }

    /** The timeline's drafts that have not gone out, first filed first; {@code author} null: everyone's. */
    List<Draft> waiting(String timelineId, String author) {
        return jdbc.query("SELECT " + COLUMNS + " FROM timeline_draft WHERE timeline_id = ? AND status <> 'PUBLISHED'"
                        + " AND (CAST(? AS VARCHAR(255)) IS NULL OR author = ?) ORDER BY filed_at, draft_id",
                DRAFT, timelineId, author, author);
    }

    /** Records one event's effect on its draft, made by {@code actor} at {@code at}. */
    void record(Object event, String actor, Instant at) {
        OffsetDateTime time = at.atOffset(ZoneOffset.UTC);
        if (event instanceof DraftFiled filed) {
            jdbc.update("INSERT INTO timeline_draft (timeline_id, draft_id, author, revision, status, content, byline,"
                            + " filed_at, changed_at, changed_by) VALUES (?, ?, ?, 1, 'PENDING', ?, ?, ?, ?, ?)",
                    filed.timelineId(), filed.draftId(), actor, json(filed.content()), filed.byline(), time, time,
                    actor);
        } else if (event instanceof DraftEdited edited) {
            jdbc.update("UPDATE timeline_draft SET revision = ?, status = 'PENDING', content = ?, byline = ?, "
                            + "changed_at = ?, changed_by = ? WHERE timeline_id = ? AND draft_id = ?",
                    edited.revision(), json(edited.content()), edited.byline(), time, actor, edited.timelineId(),
                    edited.draftId());
        } else if (event instanceof DraftRejected rejected) {
            jdbc.update("UPDATE timeline_draft SET status = 'REJECTED', note = ?, changed_at = ?, changed_by = ? "
                    + "WHERE timeline_id = ? AND draft_id = ?", rejected.note(), time, actor,
                    rejected.timelineId(), rejected.draftId());
        } else if (event instanceof DraftScheduled scheduled) {
            jdbc.update("UPDATE timeline_draft SET status = 'SCHEDULED', update_id = ?, publish_at = ?, "
                            + "changed_at = ?, changed_by = ? WHERE timeline_id = ? AND draft_id = ?",
                    scheduled.updateId(), scheduled.publishAt().atOffset(ZoneOffset.UTC), time, actor,
                    scheduled.timelineId(), scheduled.draftId());
        } else if (event instanceof DraftScheduleCancelled cancelled) {
            jdbc.update("UPDATE timeline_draft SET status = 'PENDING', update_id = NULL, publish_at = NULL, "
                    + "changed_at = ?, changed_by = ? WHERE timeline_id = ? AND draft_id = ?", time, actor,
                    cancelled.timelineId(), cancelled.draftId());
        } else if (event instanceof UpdateErased erased) {
            // the draft an erased update was published from held the same words
            jdbc.update("UPDATE timeline_draft SET content = ?, byline = NULL, note = NULL "
                    + "WHERE timeline_id = ? AND update_id = ?", json(ERASED), erased.timelineId(), erased.updateId());
        } else if (event instanceof DraftPublished published) {
            jdbc.update("UPDATE timeline_draft SET status = 'PUBLISHED', update_id = ?, publish_at = NULL, "
                            + "changed_at = ?, changed_by = ? WHERE timeline_id = ? AND draft_id = ?",
                    published.updateId(), time, actor, published.timelineId(), published.draftId());
        }
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private static String json(Content content) {
        try {
            return JSON.writeValueAsString(content);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final RowMapper<Draft> DRAFT = (row, n) -> {
        try {
            return new Draft(row.getString(1), row.getString(2), row.getInt(3),
                    DraftState.Status.valueOf(row.getString(4)), JSON.readValue(row.getString(5), Content.class),
                    row.getString(6), row.getString(7), row.getString(8), instant(row.getObject(9, OffsetDateTime.class)),
                    row.getObject(10, OffsetDateTime.class).toInstant(),
                    row.getObject(11, OffsetDateTime.class).toInstant(), row.getString(12));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    };
}
