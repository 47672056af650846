package news.timeline.command.timeline;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import news.timeline.command.EventMetadata;
import news.timeline.events.EventChain;
import news.timeline.events.EventEnvelope;
import news.timeline.events.TimelineEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.messaging.MetaData;

/**
 * The head of the timeline's hash chain: the hash of its last event. Each new event is stored with it as
 * {@code previousHash}, before it is stored, so the chain is part of the record and not something added later.
 * It sees every event of the timeline (an aggregate member receives them all) and hashes each as it will travel.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE, isGetterVisibility = JsonAutoDetect.Visibility.NONE)
class HashChain {

    private String head;

    /** Applies the event as the next link of the chain, to be hashed in the current form. */
    void append(TimelineEvent event) {
        MetaData form = MetaData.with(EventMetadata.HASH_FORM, EventChain.CURRENT_FORM);
        AggregateLifecycle.apply(event, head == null ? form : form.and(EventMetadata.PREVIOUS_HASH, head));
    }

    /**
     * An event's hash is taken as it is applied (the recorded hash is not there yet) and read back from its metadata
     * afterwards: an upcast event no longer looks as it was recorded and hashed.
     */
    @EventSourcingHandler
    void on(TimelineEvent event, DomainEventMessage<?> message, @MetaDataValue(EventMetadata.HASH) String recorded) {
        head = recorded != null ? recorded : hashOf(message);
    }

    /** The hash of an event as it is recorded: what {@link RecordedHash} stores with it. */
    static String hashOf(DomainEventMessage<?> event) {
        return EventEnvelope.of(event.getIdentifier(), event.getSequenceNumber(), event.getTimestamp(),
                        (String) event.getMetaData().get(EventMetadata.ACTOR), (TimelineEvent) event.getPayload())
                .hashedIn(EventMetadata.hashFormOf(event))
                .chainedTo((String) event.getMetaData().get(EventMetadata.PREVIOUS_HASH)).hash();
    }
}
