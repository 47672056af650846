package news.timeline.events;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.time.Instant;

/**
 * One event as it travels on the {@link Topics#TIMELINE_EVENTS} topic: who did what, when, and where it
 * stands in its timeline. {@code sequence} starts at 0 with {@link TimelineOpened} and has no gaps, so a
 * consumer can tell a duplicate (already seen) from a loss (a gap). The {@code type} field names the
 * payload's type, as {@link TimelineEvent} lists them.
 */
@JsonPropertyOrder({"schemaVersion", "eventId", "timelineId", "sequence", "occurredAt", "actor", "payload"})
public record EventEnvelope(
        int schemaVersion,
        String eventId,
        String timelineId,
        long sequence,
        Instant occurredAt,
        String actor,
        @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXTERNAL_PROPERTY, property = "type")
        TimelineEvent payload) {

    /** The schema version every event type is written with today. */
    public static final int CURRENT_SCHEMA_VERSION = 1;

    public static EventEnvelope of(String eventId, long sequence, Instant occurredAt, String actor,
                                   TimelineEvent payload) {
        return new EventEnvelope(CURRENT_SCHEMA_VERSION, eventId, payload.timelineId(), sequence, occurredAt,
                actor, payload);
    }

    public String type() {
        return payload.type();
    }
}
