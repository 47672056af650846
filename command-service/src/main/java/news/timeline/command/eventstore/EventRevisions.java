package news.timeline.command.eventstore;

import news.timeline.events.EventEnvelope;
import news.timeline.events.TimelineEvent;
import org.axonframework.serialization.RevisionResolver;

/** Each event is stored with its type's schema version (see {@code @SchemaVersion}), which upcasters go by. */
class EventRevisions implements RevisionResolver {

    @Override
    public String revisionOf(Class<?> payloadType) {
        return TimelineEvent.class.isAssignableFrom(payloadType)
                ? String.valueOf(EventEnvelope.schemaVersionOf(payloadType)) : null;
    }
}
