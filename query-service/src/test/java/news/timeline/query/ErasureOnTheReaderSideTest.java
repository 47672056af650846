package news.timeline.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import news.timeline.events.ErasureRequested;
import news.timeline.events.EventEnvelope;
import news.timeline.events.UpdateErased;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An approved erasure, as the query side carries it out: the update's words leave every answer it gives, readers'
 * and auditors', at any instant of time travel; its URL and history answer 410; the audit log keeps each erased
 * event without its words, and the chain still verifies.
 */
@QueryServiceTest
class ErasureOnTheReaderSideTest {

    @RegisterExtension
    static final TestTopic TOPIC = new TestTopic("erasure");
    /** The caches in front, told of each erasure. */
    private static final CachePurges CDN = new CachePurges();

    private static final String PHRASE = "Jane Roe of Jaywick";

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        TOPIC.register(registry);
        registry.add("timeline.erasure.purge-url", CDN::url);
    }

    @AfterAll
    static void stopCdn() {
        CDN.close();
    }

    @Test
    void theWordsLeaveEveryAnswerAndTheChainStillVerifies() throws Exception {
        String tid = "t-" + UUID.randomUUID();
        TimelineEvents timeline = new TimelineEvents(tid)
                .post("u1", "Witness at the count", "A witness, " + PHRASE + ", was seen at the count.")
                .post("u2", "Turnout", "Turnout is high.")
                .correct("u1", 2, "Witness at the count", "A witness, " + PHRASE + ", spoke to us.", "more");
        List<EventEnvelope> before = timeline.all();
        TOPIC.send(before);
        await().atMost(Duration.ofSeconds(30)).until(() -> TestTopic.lastSequence(jdbc, tid) >= 3);
        String whilePosted = before.get(3).occurredAt().toString();
        // the first page twice: loaded into memory, then answered from it on the I/O thread
        for (String about : List.of("/timelines/" + tid, "/api/timelines/" + tid, "/api/timelines/" + tid,
                "/timelines/" + tid + "/feed.atom")) {
            assertThat(http.getForEntity(about, String.class).getHeaders().getFirst("Surrogate-Key")).as(about)
                    .isEqualTo("timeline-" + tid);
        }
        assertThat(http.getForEntity("/api/timelines/" + tid + "/updates/u1", String.class).getHeaders()
                .getFirst("Surrogate-Key")).isEqualTo("timeline-" + tid + " update-" + tid + "-u1");
        assertThat(auditor("/api/audit/timelines/" + tid + "?asOf=" + whilePosted)).contains(PHRASE);

        timeline.add(new ErasureRequested(tid, "u1", "e-1", "Names a protected witness", "QB-2014-000123",
                        "This update was removed for legal reasons."))
                .add(new UpdateErased(tid, "u1", "e-1", "legal", "Names a protected witness", "QB-2014-000123",
                        "This update was removed for legal reasons.", List.of(
                        new UpdateErased.ErasedEvent(1, before.get(1).hash()),
                        new UpdateErased.ErasedEvent(3, before.get(3).hash()))));
        TOPIC.send(timeline.all().subList(4, 6));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM erasure WHERE timeline_id = ? AND erasure_id = 'e-1' AND applied_at IS NOT NULL",
                Integer.class,
                tid) == 1);

        for (String readers : List.of("/api/timelines/" + tid, "/timelines/" + tid,
                "/timelines/" + tid + "/feed.atom")) {
            String body = http.getForObject(readers, String.class);
            assertThat(body).as(readers).doesNotContain(PHRASE).contains("This update was removed for legal reasons.");
        }
        assertThat(http.getForEntity("/api/timelines/" + tid + "/updates/u1", String.class).getStatusCode().value())
                .isEqualTo(410);
        assertThat(http.getForEntity("/api/timelines/" + tid + "/updates/u1/history", String.class)
                .getStatusCode().value()).isEqualTo(410);
        assertThat(http.getForEntity("/timelines/" + tid + "/updates/u1/history", String.class)
                .getStatusCode().value()).isEqualTo(410);
        assertThat(http.getForObject("/api/timelines/" + tid + "/updates/u2", String.class)).contains("Turnout");

        for (String auditors : List.of("/api/audit/timelines/" + tid + "/events",
                "/api/audit/timelines/" + tid + "?asOf=" + whilePosted,
                "/api/audit/timelines/" + tid + "/updates/u1/history", "/audit/timelines/" + tid,
                "/audit/timelines/" + tid + "/updates/u1")) {
            assertThat(auditor(auditors)).as(auditors).doesNotContain(PHRASE);
        }
        assertThat(CDN.received()).as("the caches in front told to drop what they hold of it").singleElement()
                .satisfies(purge -> assertThat(json.readTree(purge).get("surrogateKeys")).extracting(JsonNode::asText)
                        .containsExactly("timeline-" + tid, "update-" + tid + "-u1"));
        // auditors see that it happened, who asked and who approved, why and under which order; never the words
        assertThat(auditor("/audit/timelines/" + tid)).contains("Legal erasures", "Update u1", "requested by",
                "approved by", "Names a protected witness", "QB-2014-000123", "Carried out by this replica",
                "(its words erased)");
        JsonNode verified = json.readTree(auditor("/api/audit/timelines/" + tid + "/verify"));
        assertThat(verified.get("intact").asBoolean()).as(verified.toString()).isTrue();
        assertThat(verified.get("verifiedEvents").asLong()).isEqualTo(6);
        assertThat(jdbc.queryForList("SELECT envelope FROM audit_entry WHERE timeline_id = ?", String.class, tid))
                .noneMatch(envelope -> envelope.contains(PHRASE));
    }

    private String auditor(String path) {
        return http.withBasicAuth("auditor", "auditor").getForObject(path, String.class);
    }
}
