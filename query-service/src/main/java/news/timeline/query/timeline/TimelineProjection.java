package news.timeline.query.timeline;

import news.timeline.events.EventEnvelope;
import news.timeline.events.TimelineClosed;
import news.timeline.events.TimelineEvent;
import news.timeline.events.TimelineOpened;
import news.timeline.events.TimelineReopened;
import news.timeline.events.TimelineRetitled;
import news.timeline.events.UpdateEdited;
import news.timeline.events.UpdateErased;
import news.timeline.events.UpdatePinned;
import news.timeline.events.UpdatePosted;
import news.timeline.events.UpdateRetracted;
import news.timeline.events.UpdateUnpinned;
import news.timeline.query.store.Projection;
import news.timeline.query.store.ProjectionWrites;
import news.timeline.query.store.Row;
import news.timeline.query.store.Table;
import org.springframework.stereotype.Component;

import java.util.List;

import static news.timeline.query.store.ProjectionJson.blocks;
import static news.timeline.query.store.ProjectionJson.timestamp;

/**
 * The reader projection: each timeline and each update as readers see it now. When a timeline last changed is its
 * position's {@code last_occurred_at}, kept with the position once a batch.
 */
@Component
public class TimelineProjection implements Projection {

    static final Table TIMELINE = Table.named("timeline")
            .text("timeline_id").text("title").text("summary").timestamp("opened_at").text("opened_by")
            .text("pinned_update_id").text("status").timestamp("closed_at").text("time_zone")
            .key("timeline_id");
    static final Table TIMELINE_UPDATE = Table.named("timeline_update")
            .text("timeline_id").text("update_id").int8("posted_sequence").timestamp("posted_at").int4("revision")
            .text("status").text("headline").text("blocks").bool("key_event").timestamp("modified_at")
            .text("change_kind").text("change_note").text("public_note").text("byline")
            .key("timeline_id", "update_id");

    @Override
    public List<Table> tables() {
        return List.of(TIMELINE, TIMELINE_UPDATE);
    }

    @Override
    public void apply(EventEnvelope event, byte[] json, ProjectionWrites writes) {
        TimelineEvent payload = event.payload();
        if (payload instanceof TimelineOpened opened) {
            writes.insert(TIMELINE.row().set("timeline_id", opened.timelineId()).set("title", opened.title())
                    .set("summary", opened.summary()).set("opened_at", timestamp(event.occurredAt()))
                    .set("opened_by", event.actor()).set("status", "OPEN").set("time_zone", opened.timeZone()));
        } else if (payload instanceof TimelineRetitled retitled) {
            Row row = TIMELINE.row().set("timeline_id", retitled.timelineId()).set("title", retitled.title())
                    .set("summary", retitled.summary());
            writes.update(retitled.timeZone() == null ? row : row.set("time_zone", retitled.timeZone()));
        } else if (payload instanceof TimelineClosed closed) {
            writes.update(TIMELINE.row().set("timeline_id", closed.timelineId()).set("status", "CLOSED")
                    .set("closed_at", timestamp(event.occurredAt())));
        } else if (payload instanceof TimelineReopened reopened) {
            writes.update(TIMELINE.row().set("timeline_id", reopened.timelineId()).set("status", "OPEN")
                    .set("closed_at", null));
        } else if (payload instanceof UpdatePosted posted) {
            writes.insert(update(posted.timelineId(), posted.updateId())
                    .set("posted_sequence", event.sequence())
                    .set("posted_at", timestamp(posted.publishedAt(event.occurredAt())))
                    .set("revision", 1).set("status", "LIVE").set("headline", posted.content().headline())
                    .set("blocks", blocks(posted.content().blocks())).set("key_event", posted.content().keyEvent())
                    .set("byline", posted.creditedTo(event.actor())));
        } else if (payload instanceof UpdateEdited edited) {
            writes.update(update(edited.timelineId(), edited.updateId()).set("revision", edited.revision())
                    .set("headline", edited.content().headline()).set("blocks", blocks(edited.content().blocks()))
                    .set("key_event", edited.content().keyEvent()).set("modified_at", timestamp(event.occurredAt()))
                    .set("change_kind", edited.change().kind().name()).set("change_note", edited.change().note()));
        } else if (payload instanceof UpdateRetracted retracted) {
            // readers never get retracted words back: the content leaves this table (auditors keep every revision)
            writes.update(update(retracted.timelineId(), retracted.updateId()).set("revision", retracted.revision())
                    .set("status", "RETRACTED").set("headline", null).set("blocks", null).set("byline", null)
                    .set("key_event", false).set("modified_at", timestamp(event.occurredAt()))
                    .set("change_kind", null).set("change_note", null).set("public_note", retracted.publicNote()));
        } else if (payload instanceof UpdateErased erased) {
            // erased by law: as a retraction, and the words of every revision go from the audit log too
            // (ErasureSweep, once this is stored)
            writes.update(update(erased.timelineId(), erased.updateId()).set("status", "ERASED")
                    .set("headline", null).set("blocks", null).set("byline", null).set("key_event", false)
                    .set("modified_at", timestamp(event.occurredAt())).set("change_kind", null)
                    .set("change_note", null).set("public_note", erased.publicNote()));
        } else if (payload instanceof UpdatePinned pinned) {
            writes.update(TIMELINE.row().set("timeline_id", pinned.timelineId())
                    .set("pinned_update_id", pinned.updateId()));
        } else if (payload instanceof UpdateUnpinned unpinned) {
            writes.update(TIMELINE.row().set("timeline_id", unpinned.timelineId()).set("pinned_update_id", null));
        }
    }

    private static Row update(String timelineId, String updateId) {
        return TIMELINE_UPDATE.row().set("timeline_id", timelineId).set("update_id", updateId);
    }
}
