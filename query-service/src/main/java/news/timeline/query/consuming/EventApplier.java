package news.timeline.query.consuming;

import news.timeline.events.EventEnvelope;
import news.timeline.events.EventJson;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Applies a batch of records from one partition in one transaction, together with the partition's next offset
 * and each timeline's position: all of it is stored, or none of it.
 */
@Component
class EventApplier {

    private static final Logger log = LoggerFactory.getLogger(EventApplier.class);

    private final BatchedWrites writes;
    private final List<Projection> projections;
    private final OffsetStore offsets;
    private final TimelinePositions positions;
    private final TransactionTemplate transaction;
    private final List<AppliedEventsListener> listeners;

    /** The projections write through {@link BatchedWrites} on {@code jdbc}'s database, sent once a batch. */
    EventApplier(List<Projection> projections, JdbcTemplate jdbc, OffsetStore offsets, TimelinePositions positions,
                 TransactionTemplate transaction, List<AppliedEventsListener> listeners) {
        this.writes = new BatchedWrites(jdbc.getDataSource());
        this.projections = projections.stream().map(projection -> projection.into(writes)).toList();
        this.offsets = offsets;
        this.positions = positions;
        this.transaction = transaction;
        this.listeners = listeners;
    }

    void apply(TopicPartition partition, List<ConsumerRecord<String, byte[]>> records) {
        List<EventEnvelope> applied;
        try {
            applied = transaction.execute(status -> applyInTransaction(partition, records));
        } catch (RuntimeException e) {
            writes.discard();
            throw e;
        }
        for (AppliedEventsListener listener : listeners) {
            try {
                listener.applied(applied);
            } catch (RuntimeException e) {
                log.warn("{} failed on applied events", listener.getClass().getSimpleName(), e);
            }
        }
    }

    private List<EventEnvelope> applyInTransaction(TopicPartition partition,
                                                   List<ConsumerRecord<String, byte[]>> records) {
        List<EventEnvelope> events = records.stream().map(EventApplier::read).toList();
        Map<String, Long> stored = positions.lastSequences(
                events.stream().map(EventEnvelope::timelineId).collect(Collectors.toSet()));
        List<EventEnvelope> appliedEvents = new ArrayList<>();
        Map<String, EventEnvelope> newest = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            EventEnvelope event = events.get(i);
            EventEnvelope previous = newest.get(event.timelineId());
            long last = previous != null ? previous.sequence()
                    : stored.getOrDefault(event.timelineId(), TimelinePositions.NOTHING_APPLIED);
            if (event.sequence() <= last) {
                log.debug("skipping {} #{} of {}: applied already", event.type(), event.sequence(), event.timelineId());
                continue;
            }
            if (event.sequence() != last + 1) {
                throw new PartitionHaltedException("timeline " + event.timelineId() + " jumps from sequence "
                        + last + " to " + event.sequence() + " at " + partition + "@" + records.get(i).offset()
                        + ": events are missing");
            }
            byte[] json = records.get(i).value();
            projections.forEach(projection -> projection.apply(event, json));
            newest.put(event.timelineId(), event);
            appliedEvents.add(event);
        }
        writes.flush();
        positions.save(newest.values(), stored.keySet());
        offsets.save(partition, records.get(records.size() - 1).offset() + 1);
        return appliedEvents;
    }

    private static EventEnvelope read(ConsumerRecord<String, byte[]> record) {
        try {
            return EventJson.read(record.value());
        } catch (RuntimeException e) {
            throw new PartitionHaltedException("record " + record.topic() + "-" + record.partition() + "@"
                    + record.offset() + " is not a timeline event", e);
        }
    }
}
