package news.timeline.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import news.timeline.events.EventEnvelope;
import news.timeline.events.EventJson;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A record the projections cannot read (not JSON, a type this version does not know) stops its own timeline only:
 * the records after it wait, in order, while other timelines of the same partition go on; health, a metric and the
 * admin API show it, and an admin releases it or skips it with a reason that is kept.
 */
@QueryServiceTest
class PoisonRecordTest {

    @RegisterExtension
    static final TestTopic TOPIC = new TestTopic("poison-test");
    private final ObjectMapper json = new ObjectMapper();

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        TOPIC.register(registry);
    }

    @Test
    void anUnreadableRecordHoldsBackItsTimelineOnlyUntilAnAdminSkipsIt() throws Exception {
        String poisoned = "t-" + UUID.randomUUID();
        String neighbour = onTheSamePartitionAs(poisoned);
        List<EventEnvelope> events = new TimelineEvents(poisoned).post("u1", "One", "one").post("u2", "Two", "two")
                .post("u3", "Three", "three").all();
        TOPIC.send(events.subList(0, 2));
        await().atMost(Duration.ofSeconds(30)).until(() -> TestTopic.lastSequence(jdbc, poisoned) == 1);

        TOPIC.sendRaw(poisoned, "{not json".getBytes(StandardCharsets.UTF_8));
        TOPIC.send(events.subList(2, 3));
        TOPIC.send(new TimelineEvents(neighbour).post("n1", "Next door", "goes on").all());

        await().atMost(Duration.ofSeconds(30)).until(() -> TestTopic.lastSequence(jdbc, neighbour) == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> waiting().size() == 1
                && waiting().get(0).get("records").asInt() == 2);
        assertThat(TestTopic.lastSequence(jdbc, poisoned)).as("nothing after the unreadable record").isEqualTo(1);
        JsonNode first = waiting().get(0).get("first");
        assertThat(first.get("reason").asText()).startsWith("not a timeline event");
        assertThat(first.get("record").asText()).isEqualTo("{not json");
        JsonNode health = json.readTree(http.getForObject("/actuator/health", String.class));
        assertThat(health.at("/components/projections/status").asText()).isEqualTo("DOWN");
        assertThat(health.at("/components/projections/details").toString()).contains("parked " + poisoned);
        assertThat(json.readTree(admin().getForObject("/actuator/metrics/timeline.projection.parked", String.class))
                .at("/measurements/0/value").asDouble()).isEqualTo(2.0);

        JsonNode released = post("/api/admin/parked/" + poisoned + "/release", "{}").getBody();
        assertThat(released.get("applied").asInt()).as("still unreadable").isZero();
        assertThat(released.get("stillWaiting").asInt()).isEqualTo(2);
        assertThat(post("/api/admin/parked/" + poisoned + "/skip", "{\"reason\":\" \"}").getStatusCode().value())
                .as("a skip needs a reason").isEqualTo(400);

        JsonNode skipped = post("/api/admin/parked/" + poisoned + "/skip",
                "{\"reason\":\"garbage written by a test tool\"}").getBody();
        assertThat(skipped.get("applied").asInt()).isEqualTo(1);
        assertThat(skipped.get("stillWaiting").asInt()).isZero();
        assertThat(TestTopic.lastSequence(jdbc, poisoned)).isEqualTo(2);
        Map<String, Object> kept = jdbc.queryForMap("SELECT skipped_by, skip_reason, record FROM skipped_record"
                + " WHERE timeline_id = ?", poisoned);
        assertThat(kept.get("skipped_by")).isEqualTo("admin");
        assertThat(kept.get("skip_reason")).isEqualTo("garbage written by a test tool");
        assertThat(new String((byte[]) kept.get("record"), StandardCharsets.UTF_8)).isEqualTo("{not json");
        assertThat(waiting()).isEmpty();
        assertThat(post("/api/admin/parked/" + poisoned + "/release", "{}").getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void anEventOfATypeThisVersionDoesNotKnowWaitsAndItsTimelineGoesOnOnceSkipped() throws Exception {
        String tid = "t-" + UUID.randomUUID();
        List<EventEnvelope> events = new TimelineEvents(tid).post("u1", "One", "one").post("u2", "Two", "two")
                .post("u3", "Three", "three").all();
        TOPIC.send(events.subList(0, 2));
        await().atMost(Duration.ofSeconds(30)).until(() -> TestTopic.lastSequence(jdbc, tid) == 1);

        ObjectNode newer = (ObjectNode) EventJson.mapper().readTree(EventJson.write(events.get(2)));
        newer.put("type", "UpdateFeatured");
        TOPIC.sendRaw(tid, json.writeValueAsBytes(newer));
        TOPIC.send(events.subList(3, 4));
        await().atMost(Duration.ofSeconds(30)).until(() -> waiting().size() == 1
                && waiting().get(0).get("records").asInt() == 2);
        assertThat(waiting().get(0).at("/first/reason").asText()).contains("UpdateFeatured");

        JsonNode skipped = post("/api/admin/parked/" + tid + "/skip",
                "{\"reason\":\"a type from a newer release, featured flags are not shown here\"}").getBody();

        assertThat(skipped.get("applied").asInt()).as("the event after the skipped one").isEqualTo(1);
        assertThat(TestTopic.lastSequence(jdbc, tid)).isEqualTo(3);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM timeline_update WHERE timeline_id = ?", Long.class, tid))
                .isEqualTo(2);
    }

    private List<JsonNode> waiting() throws Exception {
        JsonNode list = json.readTree(admin().getForObject("/api/admin/parked", String.class));
        return json.convertValue(list, json.getTypeFactory().constructCollectionType(List.class, JsonNode.class));
    }

    private ResponseEntity<JsonNode> post(String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return admin().postForEntity(path, new HttpEntity<>(body, headers), JsonNode.class);
    }

    private TestRestTemplate admin() {
        return http.withBasicAuth("admin", "admin");
    }

    /** Another timeline whose records go to the same of the topic's two partitions, by Kafka's own partitioner. */
    private static String onTheSamePartitionAs(String timelineId) {
        int partition = partitionOf(timelineId);
        while (true) {
            String candidate = "t-" + UUID.randomUUID();
            if (partitionOf(candidate) == partition) {
                return candidate;
            }
        }
    }

    private static int partitionOf(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % 2;
    }
}
