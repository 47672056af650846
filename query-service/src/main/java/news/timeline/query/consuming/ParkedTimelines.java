package news.timeline.query.consuming;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * What an admin can do about timelines whose records wait: see them, release them, or skip the first with a reason;
 * on the consumer's own thread, between two batches. {@code timeline.projection.parked} counts what waits.
 */
@Component
public class ParkedTimelines {

    /** What a release did: events applied, and records of the timeline still waiting. */
    public record Released(String timelineId, int applied, int stillWaiting) {
    }

    private final ParkedRecords records;
    private final EventApplier applier;
    private final ProjectionConsumer consumer;

    ParkedTimelines(ParkedRecords records, EventApplier applier, ProjectionConsumer consumer, MeterRegistry meters) {
        this.records = records;
        this.applier = applier;
        this.consumer = consumer;
        // read once at start, while the database is there for certain: health and metrics then need it no more
        records.waiting();
        Gauge.builder("timeline.projection.parked", records, ParkedRecords::count)
                .description("records waiting for an admin: unreadable ones and those of their timelines after them")
                .register(meters);
    }

    public List<ParkedRecords.Waiting> waiting() {
        return records.waiting();
    }

    /**
     * Applies the timeline's waiting records as they are now read: {@code NoSuchElementException} when none wait,
     * {@code IllegalStateException} when events are missing before them, nothing changed.
     */
    public Released release(String timelineId, String admin) throws Exception {
        return run(timelineId, admin, null);
    }

    /** As {@link #release}, without the first waiting record, kept with {@code admin} and {@code reason}. */
    public Released skipFirst(String timelineId, String admin, String reason) throws Exception {
        return run(timelineId, admin, reason);
    }

    private Released run(String timelineId, String admin, String skipReason) throws Exception {
        try {
            int applied = consumer.exclusively(() -> applier.release(timelineId, admin, skipReason));
            int still = records.lastRead().stream().filter(waiting -> waiting.timelineId().equals(timelineId))
                    .mapToInt(ParkedRecords.Waiting::records).sum();
            return new Released(timelineId, applied, still);
        } catch (PartitionHaltedException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
