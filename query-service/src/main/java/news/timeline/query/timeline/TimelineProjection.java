package news.timeline.query.timeline;

import news.timeline.events.EventEnvelope;
import news.timeline.events.TimelineEvent;
import news.timeline.events.TimelineClosed;
import news.timeline.events.TimelineOpened;
import news.timeline.events.TimelineReopened;
import news.timeline.events.TimelineRetitled;
import news.timeline.events.UpdateEdited;
import news.timeline.events.UpdatePinned;
import news.timeline.events.UpdatePosted;
import news.timeline.events.UpdateRetracted;
import news.timeline.events.UpdateUnpinned;
import news.timeline.query.consuming.Projection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import static news.timeline.query.consuming.ProjectionJson.blocks;
import static news.timeline.query.consuming.ProjectionJson.timestamp;

/**
 * The reader projection: each timeline and each update as readers see it now. When a timeline last changed is its
 * position's {@code last_occurred_at}, kept with the position once a batch.
 */
@Component
class TimelineProjection implements Projection {

    private final JdbcTemplate jdbc;

    TimelineProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Projection into(JdbcTemplate target) {
        return new TimelineProjection(target);
    }

    @Override
    public void apply(EventEnvelope event, byte[] json) {
        TimelineEvent payload = event.payload();
        if (payload instanceof TimelineOpened opened) {
            jdbc.update("""
                    INSERT INTO timeline (timeline_id, title, summary, opened_at, opened_by)
                    VALUES (?, ?, ?, ?, ?)""",
                    opened.timelineId(), opened.title(), opened.summary(), timestamp(event.occurredAt()),
                    event.actor());
        } else if (payload instanceof TimelineRetitled retitled) {
            jdbc.update("UPDATE timeline SET title = ?, summary = ? WHERE timeline_id = ?",
                    retitled.title(), retitled.summary(), retitled.timelineId());
        } else if (payload instanceof TimelineClosed closed) {
            jdbc.update("UPDATE timeline SET status = 'CLOSED', closed_at = ? WHERE timeline_id = ?",
                    timestamp(event.occurredAt()), closed.timelineId());
        } else if (payload instanceof TimelineReopened reopened) {
            jdbc.update("UPDATE timeline SET status = 'OPEN', closed_at = NULL WHERE timeline_id = ?",
                    reopened.timelineId());
        } else if (payload instanceof UpdatePosted posted) {
            // every column named, those only a change sets too: a change in the same batch is made to these values
            jdbc.update("""
                    INSERT INTO timeline_update (timeline_id, update_id, posted_sequence, posted_at, revision, status,
                                                 headline, blocks, key_event, byline, modified_at, change_kind,
                                                 change_note, public_note)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    posted.timelineId(), posted.updateId(), event.sequence(), timestamp(event.occurredAt()), 1, "LIVE",
                    posted.content().headline(), blocks(posted.content().blocks()), posted.content().keyEvent(),
                    posted.creditedTo(event.actor()), null, null, null, null);
        } else if (payload instanceof UpdateEdited edited) {
            jdbc.update("""
                    UPDATE timeline_update SET revision = ?, headline = ?, blocks = ?, key_event = ?, modified_at = ?,
                                               change_kind = ?, change_note = ?
                    WHERE timeline_id = ? AND update_id = ?""",
                    edited.revision(), edited.content().headline(), blocks(edited.content().blocks()),
                    edited.content().keyEvent(), timestamp(event.occurredAt()), edited.change().kind().name(),
                    edited.change().note(), edited.timelineId(), edited.updateId());
        } else if (payload instanceof UpdateRetracted retracted) {
            // readers never get retracted words back: the content leaves this table (auditors keep every revision)
            jdbc.update("""
                    UPDATE timeline_update SET revision = ?, status = 'RETRACTED', headline = NULL, blocks = NULL,
                                               byline = NULL, key_event = FALSE, modified_at = ?, change_kind = NULL,
                                               change_note = NULL, public_note = ?
                    WHERE timeline_id = ? AND update_id = ?""",
                    retracted.revision(), timestamp(event.occurredAt()), retracted.publicNote(),
                    retracted.timelineId(), retracted.updateId());
        } else if (payload instanceof UpdatePinned pinned) {
            jdbc.update("UPDATE timeline SET pinned_update_id = ? WHERE timeline_id = ?",
                    pinned.updateId(), pinned.timelineId());
        } else if (payload instanceof UpdateUnpinned unpinned) {
            jdbc.update("UPDATE timeline SET pinned_update_id = NULL WHERE timeline_id = ?", unpinned.timelineId());
        }
    }
}
