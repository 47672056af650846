package news.timeline.events;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.ResolvableDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.util.TokenBuffer;

import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads an {@link EventEnvelope} whatever the order of its members, its payload typed by the {@code type} member.
 * Events are written with {@code type} before {@code payload}, and then the payload is read as it comes; events
 * written earlier have it after, and only their payload is held aside (as a {@link TokenBuffer}) until it is read.
 * Members it does not know are skipped: a newer producer may add some.
 */
final class EnvelopeDeserializer extends StdDeserializer<EventEnvelope> implements ResolvableDeserializer {

    private final Map<String, JsonDeserializer<Object>> payloads = new HashMap<>();
    private JsonDeserializer<Object> instants;

    EnvelopeDeserializer() {
        super(EventEnvelope.class);
    }

    /** Finds the reader of each payload type named in {@link TimelineEvent}'s subtypes, and of instants, once. */
    @Override
    public void resolve(DeserializationContext ctxt) throws JsonMappingException {
        for (JsonSubTypes.Type type : TimelineEvent.class.getAnnotation(JsonSubTypes.class).value()) {
            payloads.put(type.name(), ctxt.findRootValueDeserializer(ctxt.constructType(type.value())));
        }
        instants = ctxt.findRootValueDeserializer(ctxt.constructType(Instant.class));
    }

    @Override
    public EventEnvelope deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (!p.isExpectedStartObjectToken()) {
            return (EventEnvelope) ctxt.handleUnexpectedToken(EventEnvelope.class, p);
        }
        int schemaVersion = 0;
        long sequence = 0;
        String eventId = null;
        String timelineId = null;
        String actor = null;
        String previousHash = null;
        String hash = null;
        Integer hashForm = null;
        Instant occurredAt = null;
        String type = null;
        TimelineEvent payload = null;
        TokenBuffer payloadBefore = null;
        for (String member = p.nextFieldName(); member != null; member = p.nextFieldName()) {
            p.nextToken();
            switch (member) {
                case "schemaVersion" -> schemaVersion = single(p, ctxt).getValueAsInt();
                case "eventId" -> eventId = single(p, ctxt).getValueAsString();
                case "timelineId" -> timelineId = single(p, ctxt).getValueAsString();
                case "sequence" -> sequence = single(p, ctxt).getValueAsLong();
                case "occurredAt" -> occurredAt = p.hasToken(JsonToken.VALUE_NULL) ? null
                        : (Instant) instants.deserialize(p, ctxt);
                case "actor" -> actor = single(p, ctxt).getValueAsString();
                case "previousHash" -> previousHash = single(p, ctxt).getValueAsString();
                case "hash" -> hash = single(p, ctxt).getValueAsString();
                case "hashForm" -> hashForm = p.hasToken(JsonToken.VALUE_NULL) ? null : single(p, ctxt).getValueAsInt();
                case "type" -> type = single(p, ctxt).getValueAsString();
                case "payload" -> {
                    if (type != null) {
                        payload = payload(type, p, ctxt);
                    } else {
                        payloadBefore = ctxt.bufferAsCopyOfValue(p);
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (payloadBefore != null && type != null) {
            try (JsonParser buffered = payloadBefore.asParserOnFirstToken()) {
                payload = payload(type, buffered, ctxt);
            }
        }
        if (payload == null) {
            return (EventEnvelope) ctxt.reportInputMismatch(EventEnvelope.class,
                    "an event envelope needs a payload and its type, found type %s", type);
        }
        return new EventEnvelope(schemaVersion, eventId, timelineId, sequence, occurredAt, actor, payload,
                previousHash, hashForm, hash);
    }

    private TimelineEvent payload(String type, JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonDeserializer<Object> reader = payloads.get(type);
        if (reader == null) {
            throw ctxt.invalidTypeIdException(ctxt.constructType(TimelineEvent.class), type,
                    "not a timeline event type");
        }
        return p.currentToken() == JsonToken.VALUE_NULL ? null : (TimelineEvent) reader.deserialize(p, ctxt);
    }

    /**
     * The parser at a member that must be a single value (null reads as null): an object or an array there is no
     * event's, and is not read as one.
     */
    private static JsonParser single(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken().isStructStart()) {
            ctxt.reportInputMismatch(EventEnvelope.class, "an event's %s is a single value", p.currentName());
        }
        return p;
    }
}
