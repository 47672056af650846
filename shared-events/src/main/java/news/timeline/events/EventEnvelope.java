package news.timeline.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import java.time.Instant;

/**
 * One event as it travels on the {@link Topics#TIMELINE_EVENTS} topic: who did what, when, and where it
 * stands in its timeline. {@code sequence} starts at 0 with {@link TimelineOpened} and has no gaps, so a
 * consumer can tell a duplicate (already seen) from a loss (a gap). The {@code type} field names the
 * payload's type, as {@link TimelineEvent} lists them. {@code previousHash} is the {@code hash} of the event
 * before it in the same timeline (none for the first), recorded before the event was stored; {@code hash} is this
 * event's own, taken in the form {@code hashForm} names (none: form 1), see {@link EventChain}: together they prove
 * that no event was changed, removed or slipped in since.
 */
@JsonPropertyOrder({"schemaVersion", "eventId", "timelineId", "sequence", "occurredAt", "actor", "type", "payload",
        "previousHash", "hashForm", "hash"})
@JsonDeserialize(using = EnvelopeDeserializer.class)
public record EventEnvelope(
        int schemaVersion,
        String eventId,
        String timelineId,
        long sequence,
        Instant occurredAt,
        String actor,
        TimelineEvent payload,
        @JsonInclude(JsonInclude.Include.NON_NULL) String previousHash,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer hashForm,
        @JsonInclude(JsonInclude.Include.NON_NULL) String hash) {

    /**
     * An event written today (its type's current {@link SchemaVersion}, to be hashed in the current form), not (yet)
     * linked into its chain.
     */
    public static EventEnvelope of(String eventId, long sequence, Instant occurredAt, String actor,
                                   TimelineEvent payload) {
        return new EventEnvelope(schemaVersionOf(payload.getClass()), eventId, payload.timelineId(), sequence,
                occurredAt, actor, payload, null, EventChain.CURRENT_FORM, null);
    }

    /** The version {@code type} is written with today: its {@link SchemaVersion}, else 1. */
    public static int schemaVersionOf(Class<?> type) {
        SchemaVersion version = type.getAnnotation(SchemaVersion.class);
        return version == null ? 1 : version.value();
    }

    /** The same event as it was written at an older {@code schemaVersion}. */
    public EventEnvelope writtenAt(int version) {
        return new EventEnvelope(version, eventId, timelineId, sequence, occurredAt, actor, payload, previousHash,
                hashForm, hash);
    }

    /** The same event as it was recorded to be hashed: in {@code form}, or in form 1 when null (recorded earlier). */
    public EventEnvelope hashedIn(Integer form) {
        return new EventEnvelope(schemaVersion, eventId, timelineId, sequence, occurredAt, actor, payload, previousHash,
                form == null || form == 1 ? null : form, hash);
    }

    /** This event linked after the one whose hash is {@code previousHash} (null: the first), with its own hash. */
    public EventEnvelope chainedTo(String previousHash) {
        EventEnvelope linked = new EventEnvelope(schemaVersion, eventId, timelineId, sequence, occurredAt, actor,
                payload, previousHash, hashForm, null);
        return new EventEnvelope(schemaVersion, eventId, timelineId, sequence, occurredAt, actor, payload,
                previousHash, hashForm, EventChain.hash(EventJson.mapper().valueToTree(linked)));
    }

    /** The payload's type, written before it: a reader then knows what to read as the payload arrives. */
    @JsonProperty("type")
    public String type() {
        return payload.type();
    }
}
