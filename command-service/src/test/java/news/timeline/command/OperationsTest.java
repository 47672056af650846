package news.timeline.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What operators read: the Prometheus scrape, with the commands by outcome and the relay's lag, for admins only;
 * and the OpenAPI document, public, with an operation for every endpoint of the editors' API.
 */
@CommandServiceTest
// Boot's tests turn metrics exporters off unless asked
@AutoConfigureObservability(tracing = false)
class OperationsTest {

    @Autowired
    TestRestTemplate http;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping controllers;

    @Test
    void thePrometheusScrapeCountsCommandsByOutcomeAndTheRelaysLag() {
        String tid = "ops-" + UUID.randomUUID();
        assertThat(post("/api/timelines", "{\"id\":\"" + tid + "\",\"title\":\"Operations\"}"))
                .isEqualTo(HttpStatus.CREATED);
        assertThat(post("/api/timelines/no-" + tid + "/updates", "{\"headline\":\"Lost\",\"blocks\":[]}"))
                .isEqualTo(HttpStatus.NOT_FOUND);

        assertThat(http.getForEntity("/actuator/prometheus", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        // the relay sends the new timeline's event to Kafka, and is then nothing behind
        await().untilAsserted(() -> assertThat(scrape()).contains("timeline_relay_lag 0.0"));
        assertThat(scrape())
                .containsPattern("timeline_commands_total\\{command=\"OpenTimeline\",outcome=\"accepted\"} [1-9]")
                .containsPattern("timeline_commands_total\\{command=\"PostUpdate\",outcome=\"refused\"} [1-9]")
                .contains("timeline_commands_batch_size_count");
    }

    @Test
    void theOpenApiDocumentHasAnOperationForEveryEndpointOfTheApi() throws Exception {
        JsonNode paths = new ObjectMapper().readTree(http.getForObject("/v3/api-docs", String.class)).get("paths");

        Map<RequestMappingInfo, ?> api = controllers.getHandlerMethods().entrySet().stream()
                .filter(mapping -> mapping.getKey().getPatternValues().stream().anyMatch(p -> p.startsWith("/api/")))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(api).hasSizeGreaterThan(10);
        api.keySet().forEach(mapping -> mapping.getPatternValues().forEach(path -> mapping.getMethodsCondition()
                .getMethods().forEach(method -> assertThat(paths.at("/" + path.replace("/", "~1") + "/"
                        + method.name().toLowerCase()).isObject()).as(method + " " + path).isTrue())));
    }

    private String scrape() {
        return http.withBasicAuth("admin", "admin").getForObject("/actuator/prometheus", String.class);
    }

    private HttpStatus post(String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return HttpStatus.valueOf(http.withBasicAuth("editor", "editor")
                .exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), String.class).getStatusCode().value());
    }
}
