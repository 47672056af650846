package news.timeline.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What operators read: the Prometheus scrape, with the projection's own figures, for admins only; and the OpenAPI
 * document, public, describing every endpoint of the API the service's controllers answer.
 */
@QueryServiceTest
// Boot's tests turn metrics exporters off unless asked
@AutoConfigureObservability(tracing = false)
class OperationsTest {

    @RegisterExtension
    static final TestTopic TOPIC = new TestTopic("operations-test");

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping controllers;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        TOPIC.register(registry);
    }

    @Test
    void thePrometheusScrapeCarriesTheProjectionsFiguresForAdminsOnly() {
        String tid = "t-" + UUID.randomUUID();
        TOPIC.send(new TimelineEvents(tid).post("u1", "One", "one").all());
        await().atMost(Duration.ofSeconds(30)).until(() -> TestTopic.lastSequence(jdbc, tid) == 1);

        assertThat(http.getForEntity("/actuator/prometheus", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        String scrape = http.withBasicAuth("admin", "admin").getForObject("/actuator/prometheus", String.class);
        assertThat(scrape)
                .containsPattern("timeline_projection_freshness_seconds_count(\\{[^}]*})? [1-9]")
                .contains("timeline_projection_freshness_seconds_bucket{")
                .containsPattern("timeline_consumer_lag\\{[^}]*partition=\"\\d+\"[^}]*} 0.0")
                .contains("timeline_rebuild_running 0.0")
                .contains("timeline_live_readers");
    }

    @Test
    void theOpenApiDocumentDescribesEveryEndpointOfTheApi() throws Exception {
        JsonNode document = new ObjectMapper().readTree(http.getForObject("/v3/api-docs", String.class));

        Set<String> documented = new TreeSet<>();
        document.get("paths").properties().forEach(path -> path.getValue().properties()
                .forEach(operation -> documented.add(operation.getKey().toUpperCase() + " " + path.getKey())));
        Set<String> answered = new TreeSet<>();
        controllers.getHandlerMethods().keySet().forEach(mapping -> mapping.getPatternValues().forEach(
                path -> mapping.getMethodsCondition().getMethods().forEach(method -> answered.add(method + " " + path))));

        assertThat(document.at("/openapi").asText()).startsWith("3.");
        // the API, and the feed; the pages for people's browsers (HTML) are not in it
        assertThat(documented).contains("GET /timelines/{timelineId}/feed.atom")
                .filteredOn(endpoint -> endpoint.contains(" /api/"))
                .containsExactlyInAnyOrderElementsOf(answered.stream().filter(endpoint -> endpoint.contains(" /api/"))
                        .toList());
    }
}
