package news.timeline.query.erasure;

import news.timeline.events.EventEnvelope;
import news.timeline.events.UpdateErased;
import news.timeline.query.store.Projection;
import news.timeline.query.store.ProjectionWrites;
import news.timeline.query.store.Table;
import org.springframework.stereotype.Component;

import java.util.List;

import static news.timeline.query.store.ProjectionJson.timestamp;

/**
 * The approved erasures, where their event stands in the audit log, and when this instance carried each out
 * ({@code applied_at}, set by {@link ErasureSweep}; none yet when stored, and none in a rebuild).
 */
@Component
class ErasureProjection implements Projection {

    static final Table ERASURE = Table.named("erasure")
            .text("timeline_id").text("erasure_id").text("update_id").int8("sequence").timestamp("approved_at")
            .timestamp("applied_at")
            .key("timeline_id", "erasure_id");

    @Override
    public List<Table> tables() {
        return List.of(ERASURE);
    }

    @Override
    public void apply(EventEnvelope event, byte[] json, ProjectionWrites writes) {
        if (event.payload() instanceof UpdateErased erased) {
            writes.insert(ERASURE.row().set("timeline_id", erased.timelineId()).set("erasure_id", erased.erasureId())
                    .set("update_id", erased.updateId()).set("sequence", event.sequence())
                    .set("approved_at", timestamp(event.occurredAt())));
        }
    }
}
