package news.timeline.events;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The hash chain of a timeline's events. An event's hash is SHA-256 over its canonical form, in lower-case hex:
 * the envelope as JSON without its own {@code hash} and its {@code schemaVersion} (a reader's upgrade is no change
 * of fact), members whose value is null left out, object keys sorted at every level, no whitespace, UTF-8. Each
 * event records the hash of the one before it ({@code previousHash}), so changing, removing or inserting any event
 * breaks the chain at that event. Anyone holding the events (the projection, a copy of the topic) can verify it
 * with this class alone.
 */
public final class EventChain {

    private static final String HASH = "hash";
    private static final String PREVIOUS_HASH = "previousHash";

    private EventChain() {
    }

    /** The hash of an event given as its JSON envelope; its own {@code hash} member, if any, is not part of it. */
    public static String hash(JsonNode envelope) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical(envelope)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    static byte[] canonical(JsonNode envelope) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator json = EventJson.mapper().getFactory().createGenerator(bytes)) {
            write(json, envelope, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void write(JsonGenerator json, JsonNode node, boolean envelope) throws IOException {
        if (node.isObject()) {
            TreeMap<String, JsonNode> sorted = new TreeMap<>();
            node.fields().forEachRemaining(field -> sorted.put(field.getKey(), field.getValue()));
            json.writeStartObject();
            for (var field : sorted.entrySet()) {
                boolean notHashed = envelope && (field.getKey().equals(HASH) || field.getKey().equals("schemaVersion"));
                if (!field.getValue().isNull() && !notHashed) {
                    json.writeFieldName(field.getKey());
                    write(json, field.getValue(), false);
                }
            }
            json.writeEndObject();
        } else if (node.isArray()) {
            json.writeStartArray();
            for (JsonNode element : node) {
                write(json, element, false);
            }
            json.writeEndArray();
        } else {
            json.writeTree(node);
        }
    }

    /**
     * Checks one timeline's events, fed in sequence order, and stops at the first that breaks the chain. An event
     * delivered again (at-least-once delivery), identical to one of the last {@value #REMEMBERED} verified, is
     * recognised and skipped.
     */
    public static final class Verifier {

        private static final int REMEMBERED = 10_000;

        private final Map<Long, String> recentHashes = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, String> eldest) {
                return size() > REMEMBERED;
            }
        };
        private long events;
        private String head;
        private Break broken;

        /** The break this event reveals, if any; once broken, later events are not looked at. */
        public Optional<Break> accept(JsonNode envelope) {
            if (broken != null) {
                return Optional.of(broken);
            }
            long sequence = envelope.path("sequence").asLong(-1);
            String recorded = text(envelope, HASH);
            String recomputed = hash(envelope);
            if (sequence < events && recomputed.equals(recorded) && recorded.equals(recentHashes.get(sequence))) {
                return Optional.empty();
            }
            if (sequence < events) {
                broken = new Break(sequence, "a second, different event with this sequence");
            } else if (sequence > events) {
                broken = new Break(events, "missing: the next event in the log is sequence " + sequence);
            } else if (!recomputed.equals(recorded)) {
                broken = new Break(sequence, "changed since it was recorded: its content hashes to " + recomputed
                        + ", it was recorded as " + recorded);
            } else if (!Objects.equals(text(envelope, PREVIOUS_HASH), head)) {
                broken = sequence == 0
                        ? new Break(0, "the first event records a predecessor")
                        : new Break(sequence - 1, "replaced: sequence " + sequence + " was recorded after an event"
                        + " hashing to " + text(envelope, PREVIOUS_HASH) + ", this one hashes to " + head);
            } else {
                head = recorded;
                recentHashes.put(sequence, recorded);
                events++;
            }
            return Optional.ofNullable(broken);
        }

        public Verifier acceptAll(Iterator<JsonNode> envelopes) {
            while (broken == null && envelopes.hasNext()) {
                accept(envelopes.next());
            }
            return this;
        }

        /** At the end of the events: the timeline is known to hold {@code count} events; fewer means some went missing. */
        public Verifier expectEvents(long count) {
            if (broken == null && events < count) {
                broken = new Break(events, "missing: there is no event " + events + " though the timeline has "
                        + count + " events");
            }
            return this;
        }

        /** How many events verified, in order from sequence 0. */
        public long verifiedEvents() {
            return events;
        }

        /** The hash of the last verified event: quote it to pin the timeline's history as of now. */
        public String head() {
            return head;
        }

        public Optional<Break> broken() {
            return Optional.ofNullable(broken);
        }

        private static String text(JsonNode envelope, String field) {
            JsonNode value = envelope.get(field);
            return value == null || value.isNull() ? null : value.asText();
        }
    }

    /** Where the chain breaks: the event that is not as recorded, and how. */
    public record Break(long sequence, String reason) {
    }
}
