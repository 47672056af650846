package news.timeline.query;

import news.timeline.events.EventEnvelope;
import news.timeline.events.EventJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
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

    private static final TestTopic TOPIC = new TestTopic("audit-events");

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        TOPIC.register(registry);
    }

    @AfterAll
    static void close() {
        TOPIC.close();
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

    private static List<EventEnvelope> parse(String ndjson) {
        return Arrays.stream(ndjson.split("\n")).filter(line -> !line.isBlank())
                .map(line -> EventJson.read(line.getBytes(StandardCharsets.UTF_8))).toList();
    }
}
