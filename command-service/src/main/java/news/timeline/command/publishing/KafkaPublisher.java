package news.timeline.command.publishing;

import com.fasterxml.jackson.databind.JsonNode;
import news.timeline.command.EventMetadata;
import news.timeline.events.CloudEventHeaders;
import news.timeline.events.EventEnvelope;
import news.timeline.events.EventJson;
import news.timeline.events.TimelineEvent;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * The outbox relay: a streaming processor reads every stored event in order and sends it to Kafka. Sends of a
 * batch go out together; the batch's unit of work then waits for every acknowledgement before it commits, and
 * only that commit moves the processor's token. A failed send rolls the batch back and it is sent again: at least
 * once, in order per timeline (one partition per timeline, idempotent producer).
 */
@Component
@ProcessingGroup(KafkaPublisher.PROCESSING_GROUP)
class KafkaPublisher {

    static final String PROCESSING_GROUP = "kafka-publisher";
    private static final Logger log = LoggerFactory.getLogger(KafkaPublisher.class);
    private static final String PENDING_ACKS = KafkaPublisher.class.getName() + ".acks";

    private final TimelineProducer producer;
    private final TimelineTopic topic;
    private final Serializer serializer;

    KafkaPublisher(TimelineProducer producer, TimelineTopic topic, @Qualifier("eventSerializer") Serializer serializer) {
        this.producer = producer;
        this.topic = topic;
        this.serializer = serializer;
    }

    /** The event in the schema version it was recorded in (its revision; none before versions were stored). */
    @EventHandler
    void publish(TimelineEvent event, EventMessage<?> message, @MessageIdentifier String eventId,
                 @SequenceNumber Long sequence, @Timestamp Instant occurredAt,
                 @MetaDataValue(EventMetadata.ACTOR) String actor,
                 @MetaDataValue(EventMetadata.PREVIOUS_HASH) String previousHash,
                 @MetaDataValue(EventMetadata.TRACEPARENT) String traceparent) {
        topic.ensureExists();
        String revision = message.serializePayload(serializer, JsonNode.class).getType().getRevision();
        EventEnvelope envelope = EventEnvelope.of(eventId, sequence, occurredAt, actor, event)
                .writtenAt(revision == null ? 1 : Integer.parseInt(revision))
                .hashedIn(EventMetadata.hashFormOf(message)).chainedTo(previousHash);
        pendingAcks().add(producer.send(record(envelope, traceparent)));
        log.debug("publishing event {} of timeline {} at sequence {} (trace {})", eventId, envelope.timelineId(),
                sequence, traceparent);
    }

    private ProducerRecord<String, byte[]> record(EventEnvelope envelope, String traceparent) {
        RecordHeaders headers = new RecordHeaders();
        if (traceparent != null) {
            header(headers, CloudEventHeaders.TRACEPARENT, traceparent);
        }
        header(headers, CloudEventHeaders.ID, envelope.eventId());
        header(headers, CloudEventHeaders.TYPE, CloudEventHeaders.typeOf(envelope));
        header(headers, CloudEventHeaders.SOURCE, CloudEventHeaders.SOURCE_VALUE);
        header(headers, CloudEventHeaders.TIME, envelope.occurredAt().toString());
        header(headers, CloudEventHeaders.SUBJECT, envelope.timelineId());
        header(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        header(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.CONTENT_TYPE_VALUE);
        return new ProducerRecord<>(topic.name(), null, envelope.timelineId(), EventJson.write(envelope), headers);
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** The sends of this batch, awaited once just before its unit of work commits the token. */
    private List<Future<RecordMetadata>> pendingAcks() {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(PENDING_ACKS, key -> {
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            batch.onPrepareCommit(unitOfWork -> awaitAll(acks));
            return acks;
        });
    }

    /**
     * A failed batch is sent again from its first event; by a fresh producer, so that whatever state the failure
     * left in this one (its sequence numbers towards a partition) cannot make the next attempt fail too.
     */
    private void awaitAll(List<Future<RecordMetadata>> acks) {
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaUnavailableException("interrupted while waiting for Kafka", e);
            } catch (ExecutionException e) {
                producer.renew();
                throw new KafkaUnavailableException("Kafka did not acknowledge an event", e.getCause());
            }
        }
    }
}
