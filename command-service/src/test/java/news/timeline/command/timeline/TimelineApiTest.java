package news.timeline.command.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import news.timeline.command.CommandServiceTest;
import news.timeline.command.PublishedRecords;
import news.timeline.events.CloudEventHeaders;
import news.timeline.events.EventChain;
import news.timeline.events.EventEnvelope;
import news.timeline.events.EventJson;
import news.timeline.events.UpdateEdited;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@CommandServiceTest
class TimelineApiTest {

    private static final String POST = """
            {"headline":"Farage and Carswell face media scrum","keyEvent":true,"blocks":[
              {"type":"image","url":"https://img.example/scrum.jpg","caption":"Douglas Carwswell in the scrum",
               "credit":"ITV News","alt":"A crowd"}]}""";
    private static final String FIXED = """
            {"headline":"Farage and Carswell face media scrum","keyEvent":true,"blocks":[
              {"type":"image","url":"https://img.example/scrum.jpg","caption":"Douglas Carswell in the scrum",
               "credit":"ITV News","alt":"A crowd"}]}""";
    private static final String CORRECTION = """
            {"headline":"Farage and Carswell face media scrum","keyEvent":true,"blocks":[
              {"type":"image","url":"https://img.example/scrum.jpg","caption":"Douglas Carswell in the scrum",
               "credit":"ITV News","alt":"A crowd"}],
             "change":{"kind":"CORRECTION","note":"Corrected the spelling of Carswell"}}""";

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void editorsCommandsBecomeEventsOnKafkaInOrderWithTheSignedInActor() throws Exception {
        String tid = openTimeline();
        ResponseEntity<String> posted = send("editor", HttpMethod.POST, "/api/timelines/" + tid + "/updates", POST, null);
        assertThat(posted.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(posted.getHeaders().getETag()).isEqualTo("\"1\"");
        JsonNode body = json.readTree(posted.getBody());
        String uid = body.get("updateId").asText();
        assertThat(posted.getHeaders().getLocation()).hasPath("/api/timelines/" + tid + "/updates/" + uid);
        assertThat(body.get("sequence").asLong()).isEqualTo(1);

        ResponseEntity<String> edited = send("editor2", HttpMethod.PUT,
                "/api/timelines/" + tid + "/updates/" + uid, CORRECTION, "\"1\"");
        assertThat(edited.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(edited.getHeaders().getETag()).isEqualTo("\"2\"");
        ResponseEntity<String> pinned = send("editor", HttpMethod.PUT, "/api/timelines/" + tid + "/pin",
                "{\"updateId\":\"" + uid + "\"}", null);
        assertThat(json.readTree(pinned.getBody()).get("sequence").asLong()).isEqualTo(3);
        ResponseEntity<String> retracted = send("editor", HttpMethod.POST,
                "/api/timelines/" + tid + "/updates/" + uid + "/retraction",
                "{\"reason\":\"Rights not cleared\",\"publicNote\":\"This update was withdrawn.\"}", "\"2\"");
        assertThat(retracted.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(json.readTree(retracted.getBody()).get("sequence").asLong()).isEqualTo(5);

        List<ConsumerRecord<String, byte[]>> records = PublishedRecords.of(tid, 6);
        assertThat(records).extracting(r -> EventJson.read(r.value()).type()).containsExactly(
                "TimelineOpened", "UpdatePosted", "UpdateEdited", "UpdatePinned", "UpdateUnpinned", "UpdateRetracted");
        assertThat(records).extracting(r -> EventJson.read(r.value()).sequence()).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        assertThat(records).extracting(ConsumerRecord::key).containsOnly(tid);
        EventChain.Verifier chain = new EventChain.Verifier().acceptAll(records.stream()
                .map(r -> tree(r.value())).iterator());
        assertThat(chain.broken()).as("every event carries its predecessor's hash").isEmpty();
        assertThat(chain.verifiedEvents()).isEqualTo(6);
        EventEnvelope edit = EventJson.read(records.get(2).value());
        assertThat(edit.actor()).isEqualTo("editor2");
        assertThat(((UpdateEdited) edit.payload()).change().note()).isEqualTo("Corrected the spelling of Carswell");
        assertThat(header(records.get(2), CloudEventHeaders.TYPE)).isEqualTo("news.timeline.UpdateEdited.v1");
        assertThat(header(records.get(2), CloudEventHeaders.ID)).isEqualTo(edit.eventId());
        assertThat(header(records.get(2), CloudEventHeaders.SUBJECT)).isEqualTo(tid);
        assertThat(header(records.get(2), CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(header(records.get(2), CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
    }

    @Test
    void aStaleRevisionIsRefusedWithTheCurrentOneAndStoresNothing() throws Exception {
        String tid = openTimeline();
        String uid = json.readTree(send("editor", HttpMethod.POST, "/api/timelines/" + tid + "/updates", POST, null)
                .getBody()).get("updateId").asText();
        send("editor", HttpMethod.PUT, "/api/timelines/" + tid + "/updates/" + uid, CORRECTION, "\"1\"");
        long stored = eventsOf(tid);

        ResponseEntity<String> stale = send("editor2", HttpMethod.PUT,
                "/api/timelines/" + tid + "/updates/" + uid, CORRECTION, "\"1\"");

        assertThat(stale.getStatusCode()).isEqualTo(HttpStatus.PRECONDITION_FAILED);
        assertThat(stale.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(stale.getHeaders().getETag()).isEqualTo("\"2\"");
        assertThat(json.readTree(stale.getBody()).get("currentRevision").asInt()).isEqualTo(2);
        assertThat(eventsOf(tid)).isEqualTo(stored);
    }

    @Test
    void ofTwentyConcurrentEditsOfOneRevisionExactlyOneWins() throws Exception {
        String tid = openTimeline();
        String uid = json.readTree(send("editor", HttpMethod.POST, "/api/timelines/" + tid + "/updates", POST, null)
                .getBody()).get("updateId").asText();
        ExecutorService editors = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ResponseEntity<String>>> edits = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String user = i % 2 == 0 ? "editor" : "editor2";
            edits.add(editors.submit(() -> {
                start.await();
                return send(user, HttpMethod.PUT, "/api/timelines/" + tid + "/updates/" + uid, CORRECTION, "\"1\"");
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<ResponseEntity<String>> edit : edits) {
            statuses.add(edit.get(60, TimeUnit.SECONDS).getStatusCode().value());
        }
        editors.shutdown();

        assertThat(statuses).filteredOn(status -> status == 200).hasSize(1);
        assertThat(statuses).filteredOn(status -> status == 412).hasSize(19);
        assertThat(jdbc.queryForList("SELECT sequence_number FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "ORDER BY sequence_number", Long.class, tid)).containsExactly(0L, 1L, 2L);
    }

    @Test
    void aClosedTimelineTakesNoPostsUntilReopenedAndCanBeRetitled() throws Exception {
        String tid = openTimeline();
        String status = "/api/timelines/" + tid + "/status";
        String updates = "/api/timelines/" + tid + "/updates";

        assertThat(send("editor", HttpMethod.PUT, status, "{\"status\":\"CLOSED\"}", null).getStatusCode().value())
                .isEqualTo(200);
        assertProblem(send("editor", HttpMethod.POST, updates, POST, null), 409, null);
        assertProblem(send("editor", HttpMethod.PUT, status, "{\"status\":\"ENDED\"}", null), 400, "status");
        assertThat(send("editor", HttpMethod.PUT, status, "{\"status\":\"OPEN\"}", null).getStatusCode().value())
                .isEqualTo(200);
        assertThat(send("editor", HttpMethod.POST, updates, POST, null).getStatusCode().value()).isEqualTo(201);
        ResponseEntity<String> retitled = send("editor", HttpMethod.PUT, "/api/timelines/" + tid,
                "{\"title\":\"Rochester by-election: live\",\"summary\":\"Kent\"}", null);
        assertThat(retitled.getStatusCode().value()).isEqualTo(200);
        assertThat(json.readTree(retitled.getBody()).get("sequence").asLong()).isEqualTo(4);
    }

    @Test
    void onlyEditorsMayIssueCommands() {
        String tid = openTimeline();
        String updates = "/api/timelines/" + tid + "/updates";

        assertThat(http.exchange(updates, HttpMethod.POST, entity(POST, null), String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(send("auditor", HttpMethod.POST, updates, POST, null).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(send("admin", HttpMethod.POST, updates, POST, null).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    /**
     * A contributor files a draft, which only editors publish or send back; the queue shows a contributor their own
     * drafts and an editor everyone's; every step is an event on the topic with whoever took it.
     */
    @Test
    void contributorsFileDraftsThatEditorsPublish() throws Exception {
        String tid = openTimeline();
        String drafts = "/api/timelines/" + tid + "/drafts";
        ResponseEntity<String> filed = send("contributor", HttpMethod.POST, drafts, POST, null);
        assertThat(filed.getStatusCode()).as(filed.getBody()).isEqualTo(HttpStatus.CREATED);
        assertThat(filed.getHeaders().getETag()).isEqualTo("\"1\"");
        String did = json.readTree(filed.getBody()).get("draftId").asText();
        assertThat(filed.getHeaders().getLocation()).hasPath(drafts + "/" + did);
        assertThat(send("editor", HttpMethod.POST, drafts, POST, null).getStatusCode()).isEqualTo(HttpStatus.CREATED);

        assertThat(json.readTree(send("contributor", HttpMethod.GET, drafts, null, null).getBody()))
                .extracting(draft -> draft.get("author").asText()).containsExactly("contributor");
        JsonNode queue = json.readTree(send("editor", HttpMethod.GET, drafts, null, null).getBody());
        assertThat(queue).extracting(draft -> draft.get("author").asText()).containsExactly("contributor", "editor");
        assertThat(queue.get(0).get("headline").asText()).isEqualTo("Farage and Carswell face media scrum");
        assertThat(queue.get(0).get("status").asText()).isEqualTo("PENDING");

        assertProblem(send("contributor", HttpMethod.POST, drafts + "/" + did + "/publication", null, null), 403,
                null);
        assertProblem(send("contributor", HttpMethod.POST, "/api/timelines/" + tid + "/updates", POST, null), 403,
                null);
        assertProblem(send("editor2", HttpMethod.PUT, drafts + "/" + did, FIXED, "\"2\""), 412, null);
        ResponseEntity<String> rejected = send("editor", HttpMethod.POST, drafts + "/" + did + "/rejection",
                "{\"note\":\"Spell Carswell right\"}", null);
        assertThat(rejected.getStatusCode()).as(rejected.getBody()).isEqualTo(HttpStatus.OK);
        JsonNode sentBack = json.readTree(send("contributor", HttpMethod.GET, drafts, null, null).getBody()).get(0);
        assertThat(sentBack.get("status").asText()).isEqualTo("REJECTED");
        assertThat(sentBack.get("note").asText()).isEqualTo("Spell Carswell right");
        ResponseEntity<String> edited = send("contributor", HttpMethod.PUT, drafts + "/" + did, FIXED, "\"1\"");
        assertThat(edited.getHeaders().getETag()).as(edited.getBody()).isEqualTo("\"2\"");

        ResponseEntity<String> published = send("editor", HttpMethod.POST, drafts + "/" + did + "/publication",
                null, "\"2\"");
        assertThat(published.getStatusCode()).as(published.getBody()).isEqualTo(HttpStatus.CREATED);
        JsonNode result = json.readTree(published.getBody());
        assertThat(published.getHeaders().getLocation())
                .hasPath("/api/timelines/" + tid + "/updates/" + result.get("updateId").asText());
        assertProblem(send("editor", HttpMethod.POST, drafts + "/" + did + "/publication", null, null), 409, null);

        List<ConsumerRecord<String, byte[]>> records = PublishedRecords.of(tid, 7);
        assertThat(records).extracting(record -> tree(record.value()).get("type").asText() + " by "
                + tree(record.value()).get("actor").asText()).containsExactly("TimelineOpened by editor",
                "DraftFiled by contributor", "DraftFiled by editor", "DraftRejected by editor",
                "DraftEdited by contributor", "DraftPublished by editor", "UpdatePosted by editor");
        JsonNode posted = tree(records.get(6).value()).get("payload");
        assertThat(posted.get("byline").asText()).as("credited to the contributor").isEqualTo("contributor");
        assertThat(posted.get("content").get("blocks").get(0).get("caption").asText())
                .isEqualTo("Douglas Carswell in the scrum");
    }

    /**
     * A draft scheduled a few seconds ahead is answered {@code 202} with the update it will be, goes out at its time
     * and not before, once, as the editor who scheduled it; a cancelled schedule sends nothing.
     */
    @Test
    void aScheduledDraftGoesOutAtItsTimeOnce() throws Exception {
        String tid = openTimeline();
        String drafts = "/api/timelines/" + tid + "/drafts";
        String due = json.readTree(send("contributor", HttpMethod.POST, drafts, POST, null).getBody())
                .get("draftId").asText();
        String cancelled = json.readTree(send("contributor", HttpMethod.POST, drafts, FIXED, null).getBody())
                .get("draftId").asText();
        java.time.Instant at = java.time.Instant.now().plusSeconds(4).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

        ResponseEntity<String> scheduled = send("editor", HttpMethod.POST, drafts + "/" + due + "/publication",
                "{\"at\":\"" + at + "\"}", null);
        assertThat(scheduled.getStatusCode()).as(scheduled.getBody()).isEqualTo(HttpStatus.ACCEPTED);
        String updateId = json.readTree(scheduled.getBody()).get("updateId").asText();
        assertThat(send("editor", HttpMethod.POST, drafts + "/" + cancelled + "/publication",
                "{\"at\":\"" + at + "\"}", null).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertProblem(send("contributor", HttpMethod.PUT, drafts + "/" + due, FIXED, "\"1\""), 409, null);
        assertThat(send("editor", HttpMethod.DELETE, drafts + "/" + cancelled + "/publication", null, null)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode queue = json.readTree(send("editor", HttpMethod.GET, drafts, null, null).getBody());
        assertThat(queue.get(0).get("status").asText()).isEqualTo("SCHEDULED");
        assertThat(queue.get(0).get("publishAt").asText()).isEqualTo(at.toString());

        List<ConsumerRecord<String, byte[]>> records = PublishedRecords.of(tid, 8);
        assertThat(records).extracting(record -> tree(record.value()).get("type").asText() + " by "
                + tree(record.value()).get("actor").asText()).containsExactly("TimelineOpened by editor",
                "DraftFiled by contributor", "DraftFiled by contributor", "DraftScheduled by editor",
                "DraftScheduled by editor", "DraftScheduleCancelled by editor", "DraftPublished by editor",
                "UpdatePosted by editor");
        JsonNode posted = tree(records.get(7).value());
        assertThat(posted.get("payload").get("updateId").asText()).isEqualTo(updateId);
        assertThat(java.time.Instant.parse(posted.get("occurredAt").asText())).isAfterOrEqualTo(at);
        assertThat(eventsOf(tid)).as("nothing more, nothing twice").isEqualTo(8);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM scheduled_tasks", Long.class)).as("no task left")
                .isZero();
    }

    private String openTimeline() {
        String tid = "t-" + UUID.randomUUID();
        ResponseEntity<String> opened = send("editor", HttpMethod.POST, "/api/timelines",
                "{\"id\":\"" + tid + "\",\"title\":\"Ukip by-elections\",\"summary\":\"Live\"}", null);
        assertThat(opened.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(opened.getHeaders().getLocation()).hasPath("/api/timelines/" + tid);
        return tid;
    }

    private ResponseEntity<String> send(String user, HttpMethod method, String path, String body, String ifMatch) {
        return http.withBasicAuth(user, user).exchange(path, method, entity(body, ifMatch), String.class);
    }

    private static HttpEntity<String> entity(String body, String ifMatch) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (ifMatch != null) {
            headers.setIfMatch(ifMatch);
        }
        return new HttpEntity<>(body, headers);
    }

    private void assertProblem(ResponseEntity<String> response, int status, String field) throws Exception {
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        if (field != null) {
            assertThat(json.readTree(response.getBody()).path("field").asText()).isEqualTo(field);
        }
    }

    private long eventsOf(String tid) {
        return jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ?",
                Long.class, tid);
    }

    private JsonNode tree(byte[] value) {
        try {
            return json.readTree(value);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
