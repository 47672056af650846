package news.timeline.command.eventstore;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.StreamableMessageSource;

import java.time.Instant;

/**
 * The stored events as they were written, without upcasting: what the Kafka relay reads. An event goes onto the
 * topic in the schema version it was recorded in, so that its hash (taken when it was recorded) still matches it,
 * and so that republishing never rewrites history; readers of the topic read every version.
 */
public class RecordedEvents implements StreamableMessageSource<TrackedEventMessage<?>> {

    private final EmbeddedEventStore events;

    RecordedEvents(EventStorageEngine withoutUpcasting) {
        this.events = EmbeddedEventStore.builder().storageEngine(withoutUpcasting).build();
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        return events.openStream(trackingToken);
    }

    @Override
    public TrackingToken createTailToken() {
        return events.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return events.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return events.createTokenAt(dateTime);
    }

    void shutDown() {
        events.shutDown();
    }
}
