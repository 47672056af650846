package news.timeline.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import news.timeline.events.EventEnvelope;
import news.timeline.events.TimelineClosed;
import news.timeline.events.TimelineReopened;
import news.timeline.events.TimelineRetitled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The projection fed through a real broker: order, duplicates, gaps, and what readers get from it. */
@QueryServiceTest
class ProjectionTest {

    @RegisterExtension
    static final TestTopic TOPIC = new TestTopic("projection-test");

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    private final ObjectMapper json = new ObjectMapper();

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        TOPIC.register(registry);
    }

    @Test
    void readersGetNewestFirstWithThePinnedUpdateOnTopAndRetractionsAsTombstones() throws Exception {
        String tid = "t-" + UUID.randomUUID();
        send(new TimelineEvents(tid)
                .post("u1", "Farage targets Kent seat", "Nigel Farage will join the campaign.")
                .post("u2", "Media scrum", "Douglas Carwswell in the scrum")
                .post("u3", "Balance of power", "Ukip could hold the balance of power.")
                .pin("u1")
                .correct("u2", 2, "Media scrum", "Douglas Carswell in the scrum", "Spelling of Carswell")
                .retract("u3", 2, "Unverified quote", "This update was withdrawn.")
                .all());
        awaitSequence(tid, 6);

        JsonNode page = get("/api/timelines/" + tid);
        assertThat(page.get("title").asText()).isEqualTo("Ukip by-elections");
        assertThat(page.get("lastSequence").asLong()).isEqualTo(6);
        assertThat(ids(page)).containsExactly("u1", "u3", "u2");
        assertThat(page.get("updates").get(0).get("pinned").asBoolean()).isTrue();
        JsonNode tombstone = page.get("updates").get(1);
        assertThat(tombstone.get("status").asText()).isEqualTo("RETRACTED");
        assertThat(tombstone.get("retraction").get("publicNote").asText()).isEqualTo("This update was withdrawn.");
        assertThat(tombstone.has("headline")).isFalse();
        assertThat(tombstone.has("blocks")).isFalse();
        assertThat(page.toString()).doesNotContain("Ukip could hold the balance of power").doesNotContain("Unverified");
        JsonNode corrected = page.get("updates").get(2);
        assertThat(corrected.get("revision").asInt()).isEqualTo(2);
        assertThat(corrected.get("blocks").get(0).get("text").asText()).isEqualTo("Douglas Carswell in the scrum");
        assertThat(corrected.get("lastChange").get("kind").asText()).isEqualTo("CORRECTION");
        assertThat(corrected.get("lastChange").get("note").asText()).isEqualTo("Spelling of Carswell");

        JsonNode history = get("/api/timelines/" + tid + "/updates/u2/history");
        assertThat(history.get("revisions")).hasSize(2);
        assertThat(history.get("revisions").get(0).get("kind").asText()).isEqualTo("POSTED");
        assertThat(history.get("revisions").get(0).get("blocks").get(0).get("text").asText())
                .isEqualTo("Douglas Carwswell in the scrum");
        assertThat(history.get("revisions").get(1).get("kind").asText()).isEqualTo("CORRECTION");
        assertThat(history.get("revisions").get(1).get("note").asText()).isEqualTo("Spelling of Carswell");

        JsonNode retractedHistory = get("/api/timelines/" + tid + "/updates/u3/history");
        assertThat(retractedHistory.get("retracted").asBoolean()).isTrue();
        assertThat(retractedHistory.toString()).doesNotContain("balance of power").doesNotContain("Unverified");
        assertThat(retractedHistory.get("revisions").get(1).get("kind").asText()).isEqualTo("RETRACTION");
    }

    @Test
    void aRetitledAndClosedTimelineSaysSoUntilReopened() throws Exception {
        String tid = "t-" + UUID.randomUUID();
        TimelineEvents events = new TimelineEvents(tid).post("u1", "One", "one")
                .add(new TimelineRetitled(tid, "Rochester by-election: live", "The campaign in Kent"))
                .add(new TimelineClosed(tid));
        send(events.all());
        awaitSequence(tid, 3);

        JsonNode closed = get("/api/timelines/" + tid);
        assertThat(closed.get("title").asText()).isEqualTo("Rochester by-election: live");
        assertThat(closed.get("summary").asText()).isEqualTo("The campaign in Kent");
        assertThat(closed.get("status").asText()).isEqualTo("CLOSED");
        assertThat(closed.get("closedAt").asText()).isEqualTo("2014-10-10T08:04:00Z");
        String page = http.getForObject("/timelines/" + tid, String.class);
        assertThat(page).contains("Live coverage ended").contains("\"coverageEndTime\":\"2014-10-10T08:04:00Z\"");

        send(events.add(new TimelineReopened(tid)).all().subList(4, 5));
        awaitSequence(tid, 4);
        JsonNode reopened = get("/api/timelines/" + tid);
        assertThat(reopened.get("status").asText()).isEqualTo("OPEN");
        assertThat(reopened.get("closedAt").isNull()).isTrue();
    }

    @Test
    void pagesWalkBackInTimeWithACursor() throws Exception {
        String tid = "t-" + UUID.randomUUID();
        TimelineEvents events = new TimelineEvents(tid);
        for (int i = 1; i <= 5; i++) {
            events.post("u" + i, "Update " + i, "text " + i);
        }
        send(events.all());
        awaitSequence(tid, 5);

        JsonNode first = get("/api/timelines/" + tid + "?limit=2");
        assertThat(ids(first)).containsExactly("u5", "u4");
        JsonNode second = get("/api/timelines/" + tid + "?limit=2&before=" + first.get("next").asLong());
        assertThat(ids(second)).containsExactly("u3", "u2");
        JsonNode last = get("/api/timelines/" + tid + "?limit=2&before=" + second.get("next").asLong());
        assertThat(ids(last)).containsExactly("u1");
        assertThat(last.get("next").isNull()).isTrue();

        ResponseEntity<String> tooMany = http.getForEntity("/api/timelines/" + tid + "?limit=101", String.class);
        assertThat(tooMany.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(tooMany.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(http.getForEntity("/api/timelines/no-such", String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void bothVersionsOfAPostAreReadAVersion1OneCreditedToTheEditorWhoPostedIt() throws Exception {
        String tid = "t-" + UUID.randomUUID();
        List<EventEnvelope> events = new TimelineEvents(tid)
                .postVersion1("old", "Before bylines", "text")
                .postBy("new", "With a byline", "text", "Reporting by Emily Morgan in Clacton")
                .all();
        assertThat(events.get(1).schemaVersion()).isEqualTo(1);
        assertThat(events.get(2).schemaVersion()).isEqualTo(3);
        send(events);
        awaitSequence(tid, 2);

        assertThat(get("/api/timelines/" + tid + "/updates/old").get("byline").asText()).isEqualTo("editor");
        assertThat(get("/api/timelines/" + tid + "/updates/new").get("byline").asText())
                .isEqualTo("Reporting by Emily Morgan in Clacton");
    }

    @Test
    void theSameRecordsDeliveredTwiceAreAppliedOnce() {
        String tid = "t-" + UUID.randomUUID();
        List<EventEnvelope> events = new TimelineEvents(tid)
                .post("u1", "One", "one").post("u2", "Two", "two")
                .correct("u1", 2, "One", "one, corrected", "fixed").all();
        send(events);
        awaitSequence(tid, 3);
        Map<String, Long> before = rowCounts(tid);

        send(events);
        send(new TimelineEvents(tid).post("u1", "One", "one").post("u2", "Two", "two")
                .correct("u1", 2, "One", "one, corrected", "fixed").post("u3", "Three", "three").all().subList(4, 5));
        awaitSequence(tid, 4);

        Map<String, Long> after = rowCounts(tid);
        assertThat(after.get("timeline_update")).isEqualTo(before.get("timeline_update") + 1);
        assertThat(after.get("audit_entry")).isEqualTo(before.get("audit_entry") + 1);
        assertThat(jdbc.queryForObject("SELECT headline FROM timeline_update WHERE timeline_id = ? AND update_id = 'u3'",
                String.class, tid)).isEqualTo("Three");
    }

    private Map<String, Long> rowCounts(String tid) {
        return Map.of(
                "timeline_update", count("timeline_update", tid),
                "audit_entry", count("audit_entry", tid));
    }

    private long count(String table, String tid) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE timeline_id = ?", Long.class, tid);
    }

    private void awaitSequence(String tid, long sequence) {
        await().atMost(Duration.ofSeconds(30)).until(() -> TestTopic.lastSequence(jdbc, tid) >= sequence);
    }

    private static void send(List<EventEnvelope> events) {
        TOPIC.send(events);
    }

    private JsonNode get(String path) throws Exception {
        ResponseEntity<String> response = http.getForEntity(path, String.class);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        return json.readTree(response.getBody());
    }

    private static List<String> ids(JsonNode page) {
        return page.get("updates").findValues("id").stream().map(JsonNode::asText).toList();
    }
}
