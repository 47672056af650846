package news.timeline.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import news.timeline.events.EventEnvelope;
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

/** A missing event is never skipped: the partition stops, and health says so. */
@QueryServiceTest
class SequenceGapTest {

    @RegisterExtension
    static final TestTopic TOPIC = new TestTopic("gap-test");

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        TOPIC.register(registry);
    }

    @Test
    void aGapInATimelinesSequenceHaltsItsPartitionLoudly() throws Exception {
        String tid = "t-" + UUID.randomUUID();
        List<EventEnvelope> events = new TimelineEvents(tid)
                .post("u1", "One", "one").post("u2", "Two", "two").post("u3", "Three", "three").all();
        TOPIC.send(events.subList(0, 2));
        await().atMost(Duration.ofSeconds(30)).until(() -> TestTopic.lastSequence(jdbc, tid) == 1);

        TOPIC.send(events.subList(3, 4));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode health = new ObjectMapper().readTree(http.getForObject("/actuator/health", String.class));
            assertThat(health.get("status").asText()).isEqualTo("DOWN");
            assertThat(health.at("/components/projections/details").toString())
                    .contains("jumps from sequence 1 to 3");
        });
        TOPIC.send(events.subList(2, 3));
        assertThat(TestTopic.lastSequence(jdbc, tid)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM timeline_update WHERE timeline_id = ?", Long.class, tid))
                .isEqualTo(1);
    }
}
