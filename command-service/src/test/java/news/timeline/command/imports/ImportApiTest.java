package news.timeline.command.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import news.timeline.command.CommandServiceTest;
import news.timeline.command.PublishedRecords;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Moving a blog in through the API: admins only, each entry once, with its original time and author. */
@CommandServiceTest
class ImportApiTest {

    @Autowired
    TestRestTemplate http;
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aFeedIsImportedOnceWithItsTimesAndAuthors() throws Exception {
        String tid = "imported-" + UUID.randomUUID();
        HttpHeaders jsonHeaders = new HttpHeaders();
        jsonHeaders.setContentType(MediaType.APPLICATION_JSON);
        assertThat(http.withBasicAuth("editor", "editor").postForEntity("/api/timelines", new HttpEntity<>(
                "{\"id\":\"" + tid + "\",\"title\":\"Clacton\"}", jsonHeaders), String.class).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        String imports = "/api/timelines/" + tid + "/imports";

        assertThat(importAs("editor", imports, AtomFeedTest.FEED).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        ResponseEntity<String> refused = importAs("admin", imports, "<rss/>");
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);

        JsonNode first = json.readTree(importAs("admin", imports, AtomFeedTest.FEED).getBody());
        assertThat(first.get("imported").asInt()).isEqualTo(3);
        JsonNode again = json.readTree(importAs("admin", imports, AtomFeedTest.FEED).getBody());
        assertThat(again.get("imported").asInt()).as("nothing added the second time").isZero();
        assertThat(again.get("alreadyThere").asInt()).isEqualTo(3);
        assertThat(again.get("sequence").asLong()).isEqualTo(first.get("sequence").asLong());

        List<ConsumerRecord<String, byte[]>> records = PublishedRecords.of(tid, 4);
        JsonNode result = json.readTree(records.get(3).value());
        assertThat(result.get("actor").asText()).as("who imported it").isEqualTo("admin");
        assertThat(result.get("schemaVersion").asInt()).isEqualTo(3);
        assertThat(result.get("payload").get("publishedAt").asText()).isEqualTo("2014-10-10T03:15:00Z");
        assertThat(result.get("payload").get("byline").asText()).isEqualTo("Emily Morgan");
        assertThat(result.get("payload").get("content").get("headline").asText()).isEqualTo("Carswell wins Clacton");
    }

    private ResponseEntity<String> importAs(String user, String path, String feed) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType("application/atom+xml"));
        return http.withBasicAuth(user, user).postForEntity(path, new HttpEntity<>(feed, headers), String.class);
    }
}
