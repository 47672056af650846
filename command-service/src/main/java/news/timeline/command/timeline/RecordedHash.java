package news.timeline.command.timeline;

import news.timeline.command.EventMetadata;
import news.timeline.events.TimelineEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Stores each timeline event with its own hash, taken just before it is stored, so that the chain can go on from
 * it whatever later versions of the code make of the event when they read it.
 */
public class RecordedHash implements MessageDispatchInterceptor<EventMessage<?>> {

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        return (index, message) -> message instanceof DomainEventMessage<?> event
                && event.getPayload() instanceof TimelineEvent
                ? message.andMetaData(Map.of(EventMetadata.HASH, HashChain.hashOf(event)))
                : message;
    }
}
