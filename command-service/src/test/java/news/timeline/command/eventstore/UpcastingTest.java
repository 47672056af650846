package news.timeline.command.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import news.timeline.command.CommandServiceTest;
import news.timeline.command.EventMetadata;
import news.timeline.command.PublishedRecords;
import news.timeline.command.timeline.UpdateRegister;
import news.timeline.events.Block;
import news.timeline.events.Content;
import news.timeline.events.EventChain;
import news.timeline.events.EventEnvelope;
import news.timeline.events.UpdatePosted;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A version 1 UpdatePosted, stored as the release before version 2 stored it (no byline, no revision), among events
 * of today: the aggregate reads it upcast (credited to its editor) and goes on from it, and the relay publishes it
 * as it was recorded (version 1), so every hash in the chain still matches.
 */
@CommandServiceTest
class UpcastingTest {

    private static final Content CONTENT = new Content("Carwswell arrives",
            List.of(new Block.Paragraph("At the count 🗳️.")), false);

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventStore eventStore;
    @Autowired
    Cache timelineCache;
    @Autowired
    UpdateRegister updateRegister;
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aVersion1PostIsReadUpcastButPublishedAndChainedAsRecorded() throws Exception {
        String tid = "t-" + UUID.randomUUID();
        send(HttpMethod.POST, "/api/timelines", "{\"id\":\"" + tid + "\",\"title\":\"Clacton by-election\"}", null);
        storeVersion1Post(tid, "old-post");

        List<? extends DomainEventMessage<?>> read = eventStore.readEvents(tid).asStream().toList();
        assertThat(((UpdatePosted) read.get(1).getPayload()).byline()).as("upcast").isEqualTo("editor2");

        String edited = send(HttpMethod.PUT, "/api/timelines/" + tid + "/updates/old-post",
                "{\"headline\":\"Carswell arrives\",\"change\":{\"kind\":\"TYPO\"}}", "\"1\"");
        assertThat(json.readTree(edited).get("revision").asInt()).isEqualTo(2);

        List<JsonNode> published = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : PublishedRecords.of(tid, 3)) {
            published.add(json.readTree(record.value()));
        }
        assertThat(published.get(1).get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(published.get(1).get("payload").has("byline")).isFalse();
        assertThat(published.get(1).has("hashForm")).as("hashed before forms were named").isFalse();
        assertThat(published.get(2).get("hashForm").asInt()).isEqualTo(EventChain.CURRENT_FORM);
        EventChain.Verifier chain = new EventChain.Verifier().acceptAll(published.iterator());
        assertThat(chain.broken()).isEmpty();
        assertThat(chain.verifiedEvents()).isEqualTo(3);
    }

    /**
     * Written as the release before version 2 wrote it: no revision, no byline, and the hashes it took (in form 1,
     * its emoji escaped as a surrogate pair).
     */
    private void storeVersion1Post(String tid, String updateId) throws Exception {
        DomainEventMessage<?> opened = eventStore.readEvents(tid).asStream().findFirst().orElseThrow();
        String previousHash = (String) opened.getMetaData().get(EventMetadata.HASH);
        String eventId = UUID.randomUUID().toString();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String hash = EventEnvelope.of(eventId, 1, at, "editor2", new UpdatePosted(tid, updateId, CONTENT))
                .hashedIn(null).chainedTo(previousHash).hash();
        jdbc.update("""
                INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,
                                                meta_data, payload, payload_revision, payload_type, time_stamp)
                VALUES (?, 1, 'Timeline', ?, ?, ?, NULL, ?, ?)""",
                tid, eventId,
                json.writeValueAsBytes(Map.of(EventMetadata.ACTOR, "editor2",
                        EventMetadata.PREVIOUS_HASH, previousHash, EventMetadata.HASH, hash)),
                json.writeValueAsBytes(Map.of("timelineId", tid, "updateId", updateId, "content", Map.of(
                        "headline", CONTENT.headline(), "keyEvent", false,
                        "blocks", List.of(Map.of("type", "paragraph", "text", "At the count 🗳️."))))),
                UpdatePosted.class.getName(), at.toString());
        // registered, as migration 4 registers the updates of a store an earlier release wrote
        updateRegister.record(new UpdatePosted(tid, updateId, CONTENT));
        // written behind the service's back: the timeline it holds in memory no longer knows its own history
        timelineCache.removeAll();
    }

    private String send(HttpMethod method, String path, String body, String ifMatch) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (ifMatch != null) {
            headers.setIfMatch(ifMatch);
        }
        ResponseEntity<String> response = http.withBasicAuth("editor", "editor")
                .exchange(path, method, new HttpEntity<>(body, headers), String.class);
        assertThat(response.getStatusCode().is2xxSuccessful()).as(response.getBody()).isTrue();
        return response.getBody();
    }
}
