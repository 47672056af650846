package news.timeline.query.history;

import news.timeline.events.EventEnvelope;
import news.timeline.events.UpdateEvent;
import news.timeline.query.store.Projection;
import news.timeline.query.store.ProjectionWrites;
import news.timeline.query.store.Table;
import news.timeline.query.store.Utf8Text;
import org.springframework.stereotype.Component;

import java.util.List;

import static news.timeline.query.store.ProjectionJson.timestamp;

/**
 * The audit log: every event of every timeline, as it arrived; rows are only ever added. Each revision of an update
 * is its entry here ({@link UpdateRevisions}).
 */
@Component
public class HistoryProjection implements Projection {

    static final Table AUDIT_ENTRY = Table.named("audit_entry")
            .text("timeline_id").int8("sequence").text("type").text("actor").timestamp("occurred_at")
            .text("update_id").text("envelope")
            .key("timeline_id", "sequence").appendOnly();

    @Override
    public List<Table> tables() {
        return List.of(AUDIT_ENTRY);
    }

    @Override
    public void apply(EventEnvelope event, byte[] json, ProjectionWrites writes) {
        writes.insert(AUDIT_ENTRY.row().set("timeline_id", event.timelineId()).set("sequence", event.sequence())
                .set("type", event.type()).set("actor", event.actor())
                .set("occurred_at", timestamp(event.occurredAt()))
                .set("update_id", event.payload() instanceof UpdateEvent update ? update.updateId() : null)
                .set("envelope", new Utf8Text(json)));
    }
}
