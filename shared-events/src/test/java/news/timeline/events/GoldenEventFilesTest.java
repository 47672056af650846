package news.timeline.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The wire format is a contract: every event type has a golden file that must read and write back unchanged. */
class GoldenEventFilesTest {

    /** Every version of every event type: a type at version 2 has golden files of versions 1 and 2. */
    static Stream<Arguments> eventTypeVersions() {
        return concreteEventTypes(TimelineEvent.class).flatMap(type -> IntStream
                .rangeClosed(1, EventEnvelope.schemaVersionOf(type)).mapToObj(version -> Arguments.of(type.getSimpleName(), version)));
    }

    private static Stream<Class<?>> concreteEventTypes(Class<?> type) {
        return type.isInterface()
                ? Arrays.stream(type.getPermittedSubclasses()).flatMap(GoldenEventFilesTest::concreteEventTypes)
                : Stream.of(type);
    }

    @ParameterizedTest(name = "{0} v{1}")
    @MethodSource("eventTypeVersions")
    void everyVersionOfEveryEventTypeRoundTripsThroughItsGoldenFile(String type, int version) throws IOException {
        byte[] golden = golden(type + ".v" + version + ".json");

        EventEnvelope envelope = EventJson.read(golden);

        assertThat(envelope.type()).isEqualTo(type);
        assertThat(envelope.schemaVersion()).isEqualTo(version);
        assertThat(envelope.payload().getClass().getSimpleName()).isEqualTo(type);
        JsonNode written = EventJson.mapper().readTree(EventJson.write(envelope));
        assertThat(written).isEqualTo(EventJson.mapper().readTree(golden));
    }

    @Test
    void readingToleratesFieldsAddedByNewerProducers() throws IOException {
        String withExtras = new String(golden("UpdatePinned.v1.json"))
                .replace("\"actor\": \"editor\",", "\"actor\": \"editor\", \"traceId\": \"abc\",")
                .replace("\"updateId\": \"kent-seat\"", "\"updateId\": \"kent-seat\", \"position\": 1");

        EventEnvelope envelope = EventJson.read(withExtras.getBytes());

        assertThat(envelope.payload()).isEqualTo(new UpdatePinned("ukip-campaign", "kent-seat"));
    }

    @Test
    void theTypeIsWrittenBeforeThePayloadSoThatAReaderNeedNotHoldThePayloadAside() throws IOException {
        EventEnvelope envelope = EventJson.read(golden("UpdateEdited.v1.json"));

        List<String> members = new ArrayList<>();
        EventJson.mapper().readTree(EventJson.write(envelope)).fieldNames().forEachRemaining(members::add);

        assertThat(members).containsSubsequence("type", "payload");
    }

    @ParameterizedTest(name = "{0} v{1}")
    @MethodSource("eventTypeVersions")
    void membersAreReadInAnyOrderThePayloadTypedWhereverItsTypeIs(String type, int version) throws IOException {
        ObjectNode golden = (ObjectNode) EventJson.mapper().readTree(golden(type + ".v" + version + ".json"));
        EventEnvelope expected = EventJson.read(EventJson.mapper().writeValueAsBytes(golden));

        for (List<String> order : List.of(List.of("payload", "type"), List.of("type", "payload"),
                List.of("hash", "payload", "sequence", "type", "eventId"))) {
            ObjectNode reordered = golden.deepCopy();
            order.forEach(member -> reordered.set(member, reordered.remove(member)));

            assertThat(EventJson.read(EventJson.mapper().writeValueAsBytes(reordered))).as("%s last", order)
                    .isEqualTo(expected);
        }
    }

    @Test
    void anEnvelopeWithoutAPayloadOfAKnownTypeIsNoEvent() throws IOException {
        ObjectNode golden = (ObjectNode) EventJson.mapper().readTree(golden("UpdatePinned.v1.json"));

        for (ObjectNode broken : List.of(golden.deepCopy().put("type", "UpdateLiked"),
                golden.deepCopy().without("type"), golden.deepCopy().without("payload"),
                golden.deepCopy().putNull("payload"), golden.deepCopy().set("sequence", golden.get("payload")))) {
            byte[] json = EventJson.mapper().writeValueAsBytes(broken);
            assertThatThrownBy(() -> EventJson.read(json)).as("%s", broken)
                    .isInstanceOf(UncheckedIOException.class);
        }
    }

    @Test
    void version1OfUpdatePostedReadsWithoutAByline() throws IOException {
        UpdatePosted v1 = (UpdatePosted) EventJson.read(golden("UpdatePosted.v1.json")).payload();
        UpdatePosted v2 = (UpdatePosted) EventJson.read(golden("UpdatePosted.v2.json")).payload();

        assertThat(v1.byline()).isNull();
        assertThat(v2.byline()).isEqualTo("Reporting by Emily Morgan in Clacton");
        assertThat(v2.content()).isEqualTo(v1.content());
    }

    @Test
    void cloudEventTypeNamesTheEventAndItsSchemaVersion() throws IOException {
        EventEnvelope envelope = EventJson.read(golden("UpdateEdited.v1.json"));

        assertThat(CloudEventHeaders.typeOf(envelope)).isEqualTo("news.timeline.UpdateEdited.v1");
    }

    private static byte[] golden(String name) throws IOException {
        try (InputStream in = GoldenEventFilesTest.class.getResourceAsStream("/golden/" + name)) {
            assertThat(in).as("golden file %s", name).isNotNull();
            return in.readAllBytes();
        }
    }
}
