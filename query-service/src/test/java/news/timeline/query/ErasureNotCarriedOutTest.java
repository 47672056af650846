package news.timeline.query;

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
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An erasure this replica cannot carry out (the caches' purge hook refuses it) waits and is tried again; past its time
 * health is DOWN naming it and the metric counts it; once it can, it is carried out and health is UP again.
 */
@QueryServiceTest
@TestPropertySource(properties = {"timeline.erasure.overdue-after=1s", "timeline.erasure.retry=500ms"})
class ErasureNotCarriedOutTest {

    @RegisterExtension
    static final TestTopic TOPIC = new TestTopic("erasure-waiting");
    /** The caches in front, told of each erasure. */
    private static final CachePurges CDN = new CachePurges();

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;

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
    void anErasureNotCarriedOutHereShowsInHealthAndMetricsUntilItIs() {
        String tid = "t-" + UUID.randomUUID();
        TimelineEvents timeline = new TimelineEvents(tid).post("u1", "Witness", "Jane Roe was seen.");
        List<EventEnvelope> posted = timeline.all();
        timeline.add(new ErasureRequested(tid, "u1", "e-1", "A witness", "QB-1", "Removed."))
                .add(new UpdateErased(tid, "u1", "e-1", "legal", "A witness", "QB-1", "Removed.",
                        List.of(new UpdateErased.ErasedEvent(1, posted.get(1).hash()))));
        CDN.answerWith(503);
        try {
            TOPIC.send(timeline.all());
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    http.withBasicAuth("admin", "admin").getForObject("/actuator/health", String.class))
                    .contains("\"erasures\":{\"status\":\"DOWN\"", tid + "/e-1"));
            assertThat(http.withBasicAuth("admin", "admin").getForObject("/actuator/metrics/timeline.erasures.waiting",
                    String.class)).contains("\"value\":1.0");
        } finally {
            CDN.answerWith(204);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                http.withBasicAuth("admin", "admin").getForObject("/actuator/health", String.class))
                .contains("\"erasures\":{\"status\":\"UP\""));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM erasure WHERE timeline_id = ? AND applied_at IS NOT NULL",
                Integer.class, tid)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT envelope FROM audit_entry WHERE timeline_id = ? AND sequence = 1",
                String.class, tid)).doesNotContain("Jane Roe");
    }
}
