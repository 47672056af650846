package news.timeline.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The hash chain of a timeline's events. An event's hash is SHA-256 over its canonical form, in lower-case hex:
 * the envelope as JSON without its own {@code hash} and its {@code schemaVersion} (a reader's upgrade is no change
 * of fact), members whose value is null left out, object keys sorted by code point at every level, no whitespace,
 * UTF-8: byte for byte what Python's {@code json.dumps(e, sort_keys=True, separators=(",", ":"),
 * ensure_ascii=False)} writes. Each event records the hash of the one before it ({@code previousHash}), so
 * changing, removing or inserting any event breaks the chain at that event. Anyone holding the events (the
 * projection, a copy of the topic) can verify it with this class alone.
 * <p>
 * The envelope's {@code hashForm} says which form its hash was taken over. Form {@value #CURRENT_FORM} is the one
 * above. Events without it were hashed in form 1, which differs only where text holds a character outside the
 * Basic Multilingual Plane (an emoji), written there as an escaped surrogate pair ({@code \uD83D\uDE00}), or a
 * control character, escaped there in upper-case hex; they keep verifying in that form.
 */
public final class EventChain {

    /** The form new events are hashed in. */
    public static final int CURRENT_FORM = 2;
    static final String HASH_FORM = "hashForm";
    private static final String HASH = "hash";
    private static final String PREVIOUS_HASH = "previousHash";
    /** On an event whose words were erased: the erasure that erased them (see {@link #erased}). */
    public static final String ERASURE = "erasure";
    /** What an erased event keeps of its payload: which update, draft and revision it was; no word of it. */
    private static final Set<String> KEPT_OF_ERASED = Set.of("timelineId", "updateId", "draftId", "revision");
    /** Form 2: characters as UTF-8 whatever their plane, the few escapes in lower-case hex, as Python writes them. */
    private static final JsonFactory CANONICAL = new ObjectMapper(JsonFactory.builder()
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
            .build()).getFactory();
    /** Form 1: Jackson's defaults, and keys in the order of Java's {@code String.compareTo}. */
    private static final JsonFactory FORM_1 = EventJson.mapper().getFactory();

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

    /** The bytes an event's hash is taken over, in the form its {@code hashForm} names (none: form 1). */
    static byte[] canonical(JsonNode envelope) {
        boolean current = envelope.path(HASH_FORM).asInt(1) == CURRENT_FORM;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator json = (current ? CANONICAL : FORM_1).createGenerator(bytes)) {
            write(json, envelope, true, current ? EventChain::compareCodePoints : String::compareTo);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Python's order of strings: by code point, where Java's compares UTF-16 units (they differ past U+D7FF). */
    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    private static void write(JsonGenerator json, JsonNode node, boolean envelope, Comparator<String> keyOrder)
            throws IOException {
        if (node.isObject()) {
            TreeMap<String, JsonNode> sorted = new TreeMap<>(keyOrder);
            node.fields().forEachRemaining(field -> sorted.put(field.getKey(), field.getValue()));
            json.writeStartObject();
            for (var field : sorted.entrySet()) {
                boolean notHashed = envelope && (field.getKey().equals(HASH) || field.getKey().equals("schemaVersion"));
                if (!field.getValue().isNull() && !notHashed) {
                    json.writeFieldName(field.getKey());
                    write(json, field.getValue(), false, keyOrder);
                }
            }
            json.writeEndObject();
        } else if (node.isArray()) {
            json.writeStartArray();
            for (JsonNode element : node) {
                write(json, element, false, keyOrder);
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
    /**
     * The event as a log that erased its words keeps it: its payload down to which update, draft and revision it was,
     * and {@code erasure} naming the erasure, whose {@link UpdateErased} event vouches for its recorded hash.
     */
    public static ObjectNode erased(JsonNode envelope, String erasureId) {
        ObjectNode kept = envelope.deepCopy();
        ObjectNode payload = kept.putObject("payload");
        envelope.path("payload").properties().stream()
                .filter(member -> KEPT_OF_ERASED.contains(member.getKey()))
                .forEach(member -> payload.set(member.getKey(), member.getValue()));
        kept.put(ERASURE, erasureId);
        return kept;
    }

    public static final class Verifier {

        private static final int REMEMBERED = 10_000;

        private final Map<Long, String> recentHashes = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, String> eldest) {
                return size() > REMEMBERED;
            }
        };
        /** Erased events (sequence, recorded hash) that no erasure has named yet. */
        private final Map<Long, String> unvouched = new TreeMap<>();
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
            // an erased event can no longer be hashed: it stands as recorded until the erasure that names it
            String recomputed = envelope.has(ERASURE) ? recorded : hash(envelope);
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
                if (envelope.has(ERASURE)) {
                    unvouched.put(sequence, recorded);
                }
                vouchFor(envelope);
            }
            return Optional.ofNullable(broken);
        }

        /** An erasure names the events it erased with their recorded hashes: those it names are accounted for. */
        private void vouchFor(JsonNode envelope) {
            if (!UpdateErased.class.getSimpleName().equals(text(envelope, "type"))) {
                return;
            }
            for (JsonNode erased : envelope.path("payload").path("erasedEvents")) {
                long sequence = erased.path("sequence").asLong(-1);
                String named = erased.path("hash").asText();
                String seen = unvouched.containsKey(sequence) ? unvouched.remove(sequence) : recentHashes.get(sequence);
                if (seen != null && !seen.equals(named)) {
                    broken = new Break(sequence, "an erasure names this event with the hash " + named
                            + ", it was recorded as " + seen);
                    return;
                }
            }
        }

        /** At the end of the events: an event whose words are gone must be named by an erasure that followed it. */
        public Verifier finish() {
            if (broken == null && !unvouched.isEmpty()) {
                broken = new Break(unvouched.keySet().iterator().next(),
                        "its words are gone, and no approved erasure names it");
            }
            return this;
        }

        public Verifier acceptAll(Iterator<JsonNode> envelopes) {
            while (broken == null && envelopes.hasNext()) {
                accept(envelopes.next());
            }
            return this;
        }

        /** At the end of the events: the timeline is known to hold {@code count} events; fewer means some went missing. */
        public Verifier expectEvents(long count) {
            finish();
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
