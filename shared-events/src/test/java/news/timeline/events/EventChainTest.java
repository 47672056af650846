package news.timeline.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The golden files are one timeline, sequences 0 to 8: chained, they pin the hash algorithm and its canonical form. */
class EventChainTest {

    /** Also what Python's json.dumps(sort_keys=True, separators=(",", ":"), ensure_ascii=False) and sha256 give. */
    private static final String GOLDEN_HEAD = "d0cfb42ac350173efc24bb2534305ff3d0749aece4d7c261a637dcf386d412bc";

    @Test
    void theGoldenTimelineChainsToAKnownHead() {
        List<JsonNode> chain = goldenChain();

        EventChain.Verifier verifier = new EventChain.Verifier().acceptAll(chain.iterator()).expectEvents(9);

        assertThat(verifier.broken()).isEmpty();
        assertThat(verifier.verifiedEvents()).isEqualTo(9);
        assertThat(chain.get(0).has("previousHash")).isFalse();
        assertThat(chain.get(1).get("previousHash").asText()).isEqualTo(chain.get(0).get("hash").asText());
        assertThat(verifier.head()).isEqualTo(GOLDEN_HEAD);
    }

    @Test
    void theHashIgnoresKeyOrderWhitespaceNullMembersAndTheSchemaVersion() throws IOException {
        JsonNode event = goldenChain().get(1);
        ObjectNode reordered = EventJson.mapper().createObjectNode();
        List<String> names = new ArrayList<>();
        event.fieldNames().forEachRemaining(names::add);
        java.util.Collections.reverse(names);
        names.forEach(name -> reordered.set(name, event.get(name)));
        reordered.putNull("traceId");
        reordered.put("schemaVersion", 2);

        JsonNode reparsed = EventJson.mapper().readTree(EventJson.mapper().writerWithDefaultPrettyPrinter()
                .writeValueAsString(reordered));

        assertThat(EventChain.hash(reparsed)).isEqualTo(event.get("hash").asText());
        assertThat(new String(EventChain.canonical(event))).doesNotContain(" \"").doesNotContain("\n")
                .startsWith("{\"actor\":\"editor\",\"eventId\":");
    }

    @Test
    void aChangedEventIsReportedAtItsSequence() {
        List<JsonNode> chain = goldenChain();
        ((ObjectNode) chain.get(2).get("payload").get("content")).put("headline", "Carswell never in a scrum");

        assertThat(verify(chain)).isEqualTo(2);
        assertThat(new EventChain.Verifier().acceptAll(chain.iterator()).broken().orElseThrow().reason())
                .startsWith("changed since it was recorded");
    }

    @Test
    void aChangedEventWhoseHashWasRecomputedIsStillReportedAtItsSequence() {
        List<JsonNode> chain = goldenChain();
        ObjectNode forged = (ObjectNode) chain.get(3);
        forged.put("actor", "someone-else");
        forged.put("hash", EventChain.hash(forged));

        EventChain.Break broken = new EventChain.Verifier().acceptAll(chain.iterator()).broken().orElseThrow();

        assertThat(broken.sequence()).isEqualTo(3);
        assertThat(broken.reason()).startsWith("replaced");
    }

    @Test
    void anEventDeliveredTwiceIsTheSameEventButAnotherAtItsSequenceIsNot() {
        List<JsonNode> redelivered = new ArrayList<>(goldenChain());
        redelivered.addAll(4, redelivered.subList(2, 4));
        List<JsonNode> forged = new ArrayList<>(goldenChain());
        ObjectNode other = forged.get(2).deepCopy();
        other.put("actor", "someone-else");
        other.put("hash", EventChain.hash(other));
        forged.add(4, other);

        assertThat(new EventChain.Verifier().acceptAll(redelivered.iterator()).expectEvents(9).broken()).isEmpty();
        assertThat(verify(forged)).isEqualTo(2);
    }

    @Test
    void aRemovedEventIsReportedWhereItIsMissing() {
        List<JsonNode> middle = new ArrayList<>(goldenChain());
        middle.remove(5);
        List<JsonNode> end = new ArrayList<>(goldenChain());
        end.remove(8);

        assertThat(verify(middle)).isEqualTo(5);
        assertThat(new EventChain.Verifier().acceptAll(end.iterator()).expectEvents(9).broken().orElseThrow())
                .isEqualTo(new EventChain.Break(8, "missing: there is no event 8 though the timeline has 9 events"));
    }

    /** A log that erased an update's words still proves itself, each erased event vouched for by the erasure. */
    @Test
    void erasedEventsStandAsRecordedWhenAnErasureNamesThem() {
        List<JsonNode> chain = erasedChain(List.of(1L, 2L), "e-1");

        EventChain.Verifier verifier = new EventChain.Verifier().acceptAll(chain.iterator()).expectEvents(10);

        assertThat(verifier.broken()).isEmpty();
        assertThat(chain.get(1).get("payload").toString()).isEqualTo(
                "{\"timelineId\":\"ukip-campaign\",\"updateId\":\"media-scrum\"}");
        assertThat(chain.get(2).get("payload").has("content")).isFalse();
    }

    @Test
    void anEventErasedWithoutAnErasureNamingItBreaksTheChain() {
        List<JsonNode> chain = erasedChain(List.of(1L), "e-1");
        chain.set(3, EventChain.erased(chain.get(3), "e-1"));

        assertThat(new EventChain.Verifier().acceptAll(chain.iterator()).finish().broken()).hasValueSatisfying(
                broken -> assertThat(broken).isEqualTo(new EventChain.Break(3,
                        "its words are gone, and no approved erasure names it")));
    }

    @Test
    void anErasedEventWithAnotherRecordedHashThanItsErasureNamesBreaksTheChain() {
        List<JsonNode> chain = erasedChain(List.of(1L), "e-1");
        ((ObjectNode) chain.get(1)).put("hash", "0".repeat(64));

        assertThat(verify(chain)).as("the next event no longer links to it").isEqualTo(1);
    }

    /**
     * The golden chain with an {@link UpdateErased} at its end naming {@code erased} (their words removed from the
     * copy), as the auditors' log keeps it after an erasure.
     */
    static List<JsonNode> erasedChain(List<Long> erased, String erasureId) {
        List<JsonNode> chain = goldenChain();
        JsonNode last = chain.get(chain.size() - 1);
        UpdateErased erasure = new UpdateErased("ukip-campaign", "media-scrum", erasureId, "legal", "A witness",
                "QB-2014-000123", "Removed for legal reasons.", erased.stream()
                .map(sequence -> new UpdateErased.ErasedEvent(sequence, chain.get((int) (long) sequence).get("hash")
                        .asText())).toList());
        EventEnvelope envelope = EventEnvelope.of("e-9", chain.size(), java.time.Instant.parse("2014-10-20T09:30:00Z"),
                "legal2", erasure).hashedIn(EventChain.CURRENT_FORM).chainedTo(last.get("hash").asText());
        chain.add(EventJson.mapper().valueToTree(envelope));
        erased.forEach(sequence -> chain.set((int) (long) sequence, EventChain.erased(chain.get((int) (long) sequence),
                erasureId)));
        return chain;
    }

    private static long verify(List<JsonNode> chain) {
        return new EventChain.Verifier().acceptAll(chain.iterator()).broken().orElseThrow().sequence();
    }

    /** The golden events in sequence order, each linked to the one before. */
    static List<JsonNode> goldenChain() {
        List<EventEnvelope> events = Stream.of("TimelineOpened", "UpdatePosted", "UpdateEdited", "UpdateRetracted",
                        "UpdatePinned", "UpdateUnpinned", "TimelineRetitled", "TimelineClosed", "TimelineReopened")
                .map(EventChainTest::golden).sorted(Comparator.comparingLong(EventEnvelope::sequence)).toList();
        List<JsonNode> chain = new ArrayList<>();
        String previous = null;
        for (EventEnvelope event : events) {
            EventEnvelope linked = event.chainedTo(previous);
            chain.add(EventJson.mapper().valueToTree(linked));
            previous = linked.hash();
        }
        return chain;
    }

    private static EventEnvelope golden(String type) {
        try (InputStream in = EventChainTest.class.getResourceAsStream("/golden/" + type + ".v1.json")) {
            return EventJson.read(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
