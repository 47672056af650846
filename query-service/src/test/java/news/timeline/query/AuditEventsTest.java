package news.timeline.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import news.timeline.events.EventEnvelope;
import news.timeline.events.EventJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Auditors read every event, retracted words included; nobody else does. */
@QueryServiceTest
class AuditEventsTest {

    @RegisterExtension
    static final TestTopic TOPIC = new TestTopic("audit-events");

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        TOPIC.register(registry);
    }

    @Test
    void auditorsGetEveryEventInOrderAsNdjsonAndCanFilter() {
        String tid = "t-" + UUID.randomUUID();
        TOPIC.send(new TimelineEvents(tid)
                .post("u1", "Kept", "Still standing")
                .post("u2", "Withdrawn headline", "Withdrawn words")
                .correct("u1", 2, "Kept", "Still standing, corrected", "fixed")
                .retract("u2", 2, "Legal advice", "This update was withdrawn.")
                .all());
        await().atMost(Duration.ofSeconds(30)).until(() -> TestTopic.lastSequence(jdbc, tid) >= 4);
        String events = "/api/audit/timelines/" + tid + "/events";

        assertThat(http.getForEntity(events, String.class).getStatusCode().value()).isEqualTo(401);
        assertThat(http.withBasicAuth("editor", "editor").getForEntity(events, String.class).getStatusCode().value())
                .isEqualTo(403);
        ResponseEntity<String> all = http.withBasicAuth("auditor", "auditor").getForEntity(events, String.class);

        assertThat(all.getHeaders().getContentType().toString()).startsWith("application/x-ndjson");
        List<EventEnvelope> lines = parse(all.getBody());
        assertThat(lines).extracting(EventEnvelope::sequence).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(all.getBody()).contains("Withdrawn words", "Legal advice");

        assertThat(parse(http.withBasicAuth("auditor", "auditor").getForObject(
                events + "?type=UpdateEdited&type=UpdateRetracted", String.class)))
                .extracting(EventEnvelope::type).containsExactly("UpdateEdited", "UpdateRetracted");
        assertThat(parse(http.withBasicAuth("admin", "admin").getForObject(
                events + "?from=2014-10-10T08:02:00Z&to=2014-10-10T08:04:00Z", String.class)))
                .extracting(EventEnvelope::sequence).containsExactly(1L, 2L);
        assertThat(http.withBasicAuth("auditor", "auditor").getForObject(events + "?actor=someone-else", String.class))
                .isNull();
        assertThat(http.withBasicAuth("auditor", "auditor")
                .getForEntity("/api/audit/timelines/no-such/events", String.class).getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void auditorsSeeEveryRevisionWithRetractedTextReasonsAndWordDiffs() throws Exception {
        String tid = "t-" + UUID.randomUUID();
        TOPIC.send(new TimelineEvents(tid)
                .post("u1", "Media scrum", "Douglas Carwswell in the scrum")
                .correct("u1", 2, "Media scrum", "Douglas Carswell in the scrum", "Spelling of Carswell")
                .retract("u1", 3, "Photo rights not cleared", "This update was withdrawn.")
                .all());
        await().atMost(Duration.ofSeconds(30)).until(() -> TestTopic.lastSequence(jdbc, tid) >= 3);
        String path = "/api/audit/timelines/" + tid + "/updates/u1/history";

        assertThat(http.withBasicAuth("editor", "editor").getForEntity(path, String.class).getStatusCode().value())
                .isEqualTo(403);
        JsonNode history = new ObjectMapper().readTree(
                http.withBasicAuth("auditor", "auditor").getForObject(path, String.class));

        JsonNode revisions = history.get("revisions");
        assertThat(revisions.findValues("kind")).extracting(JsonNode::asText)
                .containsExactly("POSTED", "CORRECTION", "RETRACTION");
        assertThat(revisions.get(0).get("blocks").get(0).get("text").asText()).contains("Carwswell");
        assertThat(revisions.get(0).get("actor").asText()).isEqualTo("editor");
        assertThat(revisions.get(1).get("diff").toString())
                .contains("{\"op\":\"DELETE\",\"text\":\"Carwswell\"}", "{\"op\":\"INSERT\",\"text\":\"Carswell\"}");
        assertThat(revisions.get(2).get("reason").asText()).isEqualTo("Photo rights not cleared");
        assertThat(revisions.get(2).get("note").asText()).isEqualTo("This update was withdrawn.");
        assertThat(http.getForObject("/api/timelines/" + tid + "/updates/u1/history", String.class))
                .doesNotContain("Carwswell").doesNotContain("Photo rights");

        String page = http.withBasicAuth("auditor", "auditor").getForObject("/audit/timelines/" + tid + "/updates/u1",
                String.class);
        assertThat(page).contains("Revision 2: correction", "<del>Carwswell</del>", "<ins>Carswell</ins>",
                "Reason: Photo rights not cleared", "Douglas Carwswell in the scrum");
        String overview = http.withBasicAuth("auditor", "auditor").getForObject("/audit/timelines/" + tid,
                String.class);
        assertThat(overview).contains("Intact: all <strong>4</strong> events", "Media scrum", "3 revisions",
                "retracted");
        assertThat(http.withBasicAuth("editor", "editor").getForEntity("/audit/timelines/" + tid, String.class)
                .getStatusCode().value()).isEqualTo(403);
        // a browser without a session is shown the sign-in page, not its password prompt
        var anonymous = http.getForEntity("/audit/timelines/" + tid, String.class);
        assertThat(anonymous.getHeaders().get("WWW-Authenticate")).isNull();
        assertThat(anonymous.getBody()).contains("<form", "name=\"username\"", "name=\"password\"")
                .doesNotContain("Media scrum");
    }

    @Test
    void timeTravelShowsTheTimelineAsReadersSawItThen() throws Exception {
        String tid = "t-" + UUID.randomUUID();
        TOPIC.send(new TimelineEvents(tid)
                .post("u1", "Media scrum", "Douglas Carwswell in the scrum")
                .post("u2", "Balance of power", "Ukip could hold it")
                .pin("u2")
                .correct("u1", 2, "Media scrum", "Douglas Carswell in the scrum", "Spelling of Carswell")
                .retract("u2", 2, "Unverified", "This update was withdrawn.")
                .all());
        await().atMost(Duration.ofSeconds(30)).until(() -> TestTopic.lastSequence(jdbc, tid) >= 5);
        ObjectMapper json = new ObjectMapper();
        String path = "/api/audit/timelines/" + tid;

        JsonNode beforeCorrection = json.readTree(http.withBasicAuth("auditor", "auditor")
                .getForObject(path + "?asOf=2014-10-10T08:04:30Z", String.class));
        assertThat(beforeCorrection.get("lastSequence").asLong()).isEqualTo(3);
        assertThat(beforeCorrection.get("updates").findValues("id")).extracting(JsonNode::asText)
                .containsExactly("u2", "u1");
        assertThat(beforeCorrection.get("updates").get(0).get("pinned").asBoolean()).isTrue();
        assertThat(beforeCorrection.toString()).contains("Carwswell", "Ukip could hold it");

        HttpHeaders memento = new HttpHeaders();
        memento.set("Accept-Datetime", "Fri, 10 Oct 2014 08:06:30 GMT");
        ResponseEntity<String> after = http.withBasicAuth("auditor", "auditor").exchange(path, HttpMethod.GET,
                new HttpEntity<>(memento), String.class);
        assertThat(after.getHeaders().getFirst("Memento-Datetime")).isEqualTo("Fri, 10 Oct 2014 08:06:00 GMT");
        JsonNode corrected = json.readTree(after.getBody());
        assertThat(corrected.toString()).contains("Douglas Carswell in the scrum", "Spelling of Carswell")
                .doesNotContain("Carwswell").doesNotContain("Ukip could hold it");
        assertThat(corrected.get("updates").findValues("status")).extracting(JsonNode::asText)
                .containsExactly("RETRACTED", "LIVE");
        assertThat(http.withBasicAuth("auditor", "auditor").getForEntity(path + "?asOf=2014-10-10T07:00:00Z",
                String.class).getStatusCode().value()).isEqualTo(404);
        assertThat(http.getForEntity(path + "?asOf=2014-10-10T08:04:30Z", String.class).getStatusCode().value())
                .isEqualTo(401);

        JsonNode difference = json.readTree(http.withBasicAuth("auditor", "auditor").getForObject(
                path + "/difference?from=2014-10-10T08:04:30Z&to=2014-10-10T08:06:30Z", String.class));
        assertThat(difference.get("changes").findValues("updateId")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("u1", "u2");
        JsonNode u1 = difference.get("changes").get(0).get("updateId").asText().equals("u1")
                ? difference.get("changes").get(0) : difference.get("changes").get(1);
        assertThat(u1.get("before").get("revision").asInt()).isEqualTo(1);
        assertThat(u1.get("after").get("revision").asInt()).isEqualTo(2);

        JsonNode newest = json.readTree(http.withBasicAuth("auditor", "auditor").getForObject(
                path + "/difference?from=2014-10-10T08:04:30Z&to=2014-10-10T08:06:30Z&limit=1", String.class));
        assertThat(newest.get("changes").findValues("updateId")).extracting(JsonNode::asText).containsExactly("u2");
        JsonNode older = json.readTree(http.withBasicAuth("auditor", "auditor").getForObject(
                path + "/difference?from=2014-10-10T08:04:30Z&to=2014-10-10T08:06:30Z&limit=1&before="
                        + newest.get("next").asLong(), String.class));
        assertThat(older.get("changes").findValues("updateId")).extracting(JsonNode::asText).containsExactly("u1");
        assertThat(older.get("next").isNull()).isTrue();
    }

    private static List<EventEnvelope> parse(String ndjson) {
        return Arrays.stream(ndjson.split("\n")).filter(line -> !line.isBlank())
                .map(line -> EventJson.read(line.getBytes(StandardCharsets.UTF_8))).toList();
    }
}
