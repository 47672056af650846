package news.timeline.command.timeline;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import news.timeline.command.EventMetadata;
import news.timeline.events.EventEnvelope;
import news.timeline.events.TimelineEvent;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.MetaData;

import java.time.Instant;

/**
 * The head of the timeline's hash chain: the hash of its last event. Each new event is stored with it as
 * {@code previousHash}, before it is stored, so the chain is part of the record and not something added later.
 * It sees every event of the timeline (an aggregate member receives them all) and hashes each as it will travel.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE, isGetterVisibility = JsonAutoDetect.Visibility.NONE)
class HashChain {

    private String head;

    /** Applies the event as the next link of the chain. */
    void append(TimelineEvent event) {
        AggregateLifecycle.apply(event, head == null ? MetaData.emptyInstance()
                : MetaData.with(EventMetadata.PREVIOUS_HASH, head));
    }

    @EventSourcingHandler
    void on(TimelineEvent event, @MessageIdentifier String eventId, @SequenceNumber Long sequence,
            @Timestamp Instant occurredAt, @MetaDataValue(EventMetadata.ACTOR) String actor,
            @MetaDataValue(EventMetadata.PREVIOUS_HASH) String previousHash) {
        head = EventEnvelope.of(eventId, sequence, occurredAt, actor, event).chainedTo(previousHash).hash();
    }
}
