package news.timeline.query.consuming;

import com.fasterxml.jackson.databind.JsonNode;
import news.timeline.events.EventEnvelope;
import news.timeline.events.EventJson;
import news.timeline.query.store.PendingWrites;
import news.timeline.query.store.Projection;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Applies one partition's batch of records in one transaction with its next offset and each timeline's position.
 * A record it cannot read is parked with the later ones of its timeline ({@link ParkedRecords}); the others go on.
 */
@Component
public class EventApplier {

    private static final Logger log = LoggerFactory.getLogger(EventApplier.class);

    /** A record as it is applied: from the topic, or parked earlier. */
    private record Incoming(String key, int partition, long offset, byte[] value) {

        String where() {
            return "partition " + partition + "@" + offset;
        }
    }

    private final PendingWrites writes;
    private final List<Projection> projections;
    private final OffsetStore offsets;
    private final TimelinePositions positions;
    private final ParkedRecords parked;
    private final TransactionTemplate transaction;
    private final List<AppliedEventsListener> listeners;
    /** Whether the batch being applied parked or took parked records: read again once it is committed. */
    private boolean parkedChanged;

    /** The projections write through {@link PendingWrites} on {@code jdbc}'s database, sent once a batch. */
    EventApplier(List<Projection> projections, JdbcTemplate jdbc, OffsetStore offsets, TimelinePositions positions,
                 ParkedRecords parked, TransactionTemplate transaction, List<AppliedEventsListener> listeners) {
        this.writes = new PendingWrites(jdbc.getDataSource());
        this.projections = projections;
        this.offsets = offsets;
        this.positions = positions;
        this.parked = parked;
        this.transaction = transaction;
        this.listeners = listeners;
    }

    /** Applies events into the tables of another database or schema (a rebuild's), telling only {@code listener}. */
    public static EventApplier into(DataSource dataSource, List<Projection> projections,
                                    AppliedEventsListener listener) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        return new EventApplier(projections, jdbc, new OffsetStore(jdbc), new TimelinePositions(jdbc),
                new ParkedRecords(jdbc), new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
                List.of(listener));
    }

    public void apply(TopicPartition partition, List<ConsumerRecord<String, byte[]>> records) {
        List<Incoming> incoming = records.stream()
                .map(record -> new Incoming(record.key(), record.partition(), record.offset(), record.value()))
                .toList();
        applyAndTell(() -> {
            List<EventEnvelope> applied = applyInTransaction(incoming, new HashSet<>(parked.waitingTimelines()));
            offsets.save(partition, records.get(records.size() - 1).offset() + 1);
            return applied;
        });
    }

    /**
     * Applies the timeline's parked records again, in the order they came, up to the first that still cannot be read;
     * with {@code skipReason}, without the first, which is kept with who skipped it and why. Answers how many applied.
     */
    int release(String timelineId, String admin, String skipReason) {
        return applyAndTell(() -> {
            List<ParkedRecords.Parked> waiting = parked.take(timelineId);
            parkedChanged = true;
            if (waiting.isEmpty()) {
                throw new NoSuchElementException("no records of timeline " + timelineId + " are parked");
            }
            List<Incoming> again = waiting.stream()
                    .map(record -> new Incoming(record.timelineId(), record.partition(), record.offset(),
                            record.value()))
                    .toList();
            if (skipReason != null) {
                ParkedRecords.Parked first = waiting.get(0);
                parked.skipped(first, admin, skipReason, Instant.now());
                sequenceOf(first.value()).ifPresent(sequence -> positions.skip(timelineId, sequence));
                again = again.subList(1, again.size());
                log.warn("{} skipped partition {}@{} of timeline {} ({}): {}", admin, first.partition(),
                        first.offset(), timelineId, first.reason(), skipReason);
            }
            Set<String> others = new HashSet<>(parked.waitingTimelines());
            others.remove(timelineId);
            return applyInTransaction(again, others);
        }).size();
    }

    private List<EventEnvelope> applyAndTell(Supplier<List<EventEnvelope>> work) {
        List<EventEnvelope> applied;
        parkedChanged = false;
        try {
            applied = transaction.execute(status -> work.get());
        } catch (RuntimeException e) {
            writes.discard();
            throw e;
        }
        if (parkedChanged) {
            try {
                parked.waiting();
            } catch (RuntimeException e) {
                log.warn("parked records changed, but could not be read again for health and metrics", e);
            }
        }
        for (AppliedEventsListener listener : listeners) {
            try {
                listener.applied(applied);
            } catch (RuntimeException e) {
                log.warn("{} failed on applied events", listener.getClass().getSimpleName(), e);
            }
        }
        return applied;
    }

    /** {@code waiting}: the timelines whose records are parked; it grows as this batch parks more. */
    private List<EventEnvelope> applyInTransaction(List<Incoming> records, Set<String> waiting) {
        List<EventEnvelope> events = new ArrayList<>(records.size());
        List<String> unreadable = new ArrayList<>(records.size());
        for (Incoming record : records) {
            try {
                events.add(EventJson.read(record.value()));
                unreadable.add(null);
            } catch (RuntimeException e) {
                events.add(null);
                unreadable.add(String.valueOf(e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
            }
        }
        Set<String> timelines = new HashSet<>();
        for (int i = 0; i < records.size(); i++) {
            timelines.add(events.get(i) != null ? events.get(i).timelineId() : records.get(i).key());
        }
        timelines.remove(null);
        Map<String, Long> stored = positions.lastSequences(timelines);
        List<EventEnvelope> appliedEvents = new ArrayList<>();
        Map<String, EventEnvelope> newest = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            EventEnvelope event = events.get(i);
            Incoming record = records.get(i);
            String timelineId = event != null ? event.timelineId() : record.key();
            if (timelineId == null) {
                throw new PartitionHaltedException("record at " + record.where() + " is not a timeline event and"
                        + " names no timeline: " + unreadable.get(i));
            }
            if (waiting.contains(timelineId)) {
                park(record, timelineId, "waits behind an earlier record of its timeline");
                continue;
            }
            if (event == null) {
                log.error("PARKED timeline {}: the record at {} is not a timeline event this version reads ({});"
                        + " its later records wait until an admin releases or skips it", timelineId,
                        record.where(), unreadable.get(i));
                park(record, timelineId, "not a timeline event this version reads: " + unreadable.get(i));
                waiting.add(timelineId);
                continue;
            }
            EventEnvelope previous = newest.get(event.timelineId());
            long last = previous != null ? previous.sequence()
                    : stored.getOrDefault(event.timelineId(), TimelinePositions.NOTHING_APPLIED);
            if (event.sequence() <= last) {
                log.debug("skipping {} #{} of {}: applied already", event.type(), event.sequence(), event.timelineId());
                continue;
            }
            if (event.sequence() != last + 1) {
                throw new PartitionHaltedException("timeline " + event.timelineId() + " jumps from sequence "
                        + last + " to " + event.sequence() + " at " + record.where() + ": events are missing");
            }
            byte[] json = record.value();
            projections.forEach(projection -> projection.apply(event, json, writes));
            newest.put(event.timelineId(), event);
            appliedEvents.add(event);
        }
        writes.flush();
        positions.save(newest.values(), stored.keySet());
        return appliedEvents;
    }

    private void park(Incoming record, String timelineId, String reason) {
        parkedChanged = true;
        parked.park(new ParkedRecords.Parked(timelineId, record.partition(), record.offset(),
                reason.length() > 2000 ? reason.substring(0, 2000) : reason, record.value(), Instant.now()));
    }

    /** The sequence a record names, if it is JSON with one: an event of a type this version does not know. */
    private static Optional<Long> sequenceOf(byte[] value) {
        try {
            JsonNode sequence = EventJson.mapper().readTree(value).path("sequence");
            return sequence.isIntegralNumber() ? Optional.of(sequence.asLong()) : Optional.empty();
        } catch (IOException | RuntimeException notJson) {
            return Optional.empty();
        }
    }
}
