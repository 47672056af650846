package news.timeline.query.store;

import news.timeline.events.EventEnvelope;

/**
 * A read model built from events: {@link #apply} runs once for each event of a timeline, in order, in the transaction
 * that records it applied; {@code json} is the event as it arrived. It writes only its own {@link #tables()}.
 */
public interface Projection extends DeclaredTables {

    void apply(EventEnvelope event, byte[] json, ProjectionWrites writes);
}
