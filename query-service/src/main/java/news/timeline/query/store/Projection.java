package news.timeline.query.store;

import news.timeline.events.EventEnvelope;

/**
 * A read model built from events. {@link #apply} runs inside the transaction that also records the event's offset
 * and its timeline's position, and only for the next event of its timeline: never twice, never skipping.
 * {@code json} is the event exactly as it arrived, fields this reader does not know included. It writes only its
 * own {@link #tables()}, through {@code writes}.
 */
public interface Projection extends DeclaredTables {

    void apply(EventEnvelope event, byte[] json, ProjectionWrites writes);
}
