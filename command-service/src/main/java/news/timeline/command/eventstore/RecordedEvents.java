package news.timeline.command.eventstore;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import java.time.Instant;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The stored events as they were written, without upcasting: what the Kafka relay reads. An event goes onto the
 * topic in the schema version it was recorded in, so that its hash (taken when it was recorded) still matches it,
 * and so that republishing never rewrites history; readers of the topic read every version.
 *
 * <p>Events are stored through the application's event store, not this one, so this one would only find them at
 * its next poll (a second apart when idle): as a dispatch interceptor of that store it is woken instead by every
 * commit that stored events.
 */
public class RecordedEvents implements StreamableMessageSource<TrackedEventMessage<?>>,
        MessageDispatchInterceptor<EventMessage<?>> {

    private final Store events;

    RecordedEvents(EventStorageEngine withoutUpcasting) {
        this.events = new Store(EmbeddedEventStore.builder().storageEngine(withoutUpcasting));
    }

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        CurrentUnitOfWork.ifStarted(unitOfWork -> unitOfWork.root().afterCommit(committed -> events.stored()));
        return (index, message) -> message;
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

    /** Axon's embedded store, told when events were stored elsewhere in this process. */
    private static final class Store extends EmbeddedEventStore {

        Store(Builder builder) {
            super(builder);
        }

        void stored() {
            afterCommit(List.of());
        }
    }
}
