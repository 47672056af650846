package news.timeline.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import news.timeline.kafka.SharedKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static news.timeline.faults.ServiceCrashTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scheduled publications outlive their instances: two command-service instances on one event store, drafts set to go
 * out a few seconds ahead through one of them, then {@code kill -9} of both before any is due. Started again once
 * all are overdue, the instances race for the schedule's tasks: each draft goes out once, not before its time.
 */
class ScheduledPublicationTest {

    private static final int DRAFTS = 5;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void eachScheduledDraftGoesOutOnceAtItsTimeThoughEveryInstanceWasKilled(@TempDir Path dataDir) {
        try (SeparateServices services = new SeparateServices(SeparateServices.Database.POSTGRES, dataDir,
                SharedKafka.bootstrapServers(), "scheduled-" + run()).start();
             ServiceProcess second = services.anotherCommandInstance("b").start()) {
            String command = services.commandUrl();
            String tid = "scheduled-" + run();
            send("editor", "POST", command + "/api/timelines", "{\"id\":\"" + tid + "\",\"title\":\"Results\"}");
            Instant first = Instant.now().plusSeconds(15).truncatedTo(ChronoUnit.SECONDS);
            Map<String, Instant> dueAt = new HashMap<>();
            for (int i = 0; i < DRAFTS; i++) {
                String draft = send("contributor", "POST", command + "/api/timelines/" + tid + "/drafts",
                        "{\"headline\":\"Result " + i + "\",\"blocks\":[{\"type\":\"paragraph\",\"text\":\"Seat "
                                + i + " declares.\"}]}").get("draftId").asText();
                Instant at = first.plusSeconds(i);
                JsonNode scheduled = send("editor", "POST", command + "/api/timelines/" + tid + "/drafts/" + draft
                        + "/publication", "{\"at\":\"" + at + "\"}");
                dueAt.put(scheduled.get("updateId").asText(), at);
            }

            services.command().kill();
            second.kill();
            Instant last = first.plusSeconds(DRAFTS - 1);
            await("every publication overdue").atMost(Duration.ofSeconds(60))
                    .until(() -> Instant.now().isAfter(last.plusSeconds(1)));
            services.command().start();
            second.start();

            await("every scheduled update on the readers' page").atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> updatesOnPage(services.queryUrl(), tid) == DRAFTS);
            List<JsonNode> events = auditEvents(services.queryUrl(), tid);
            List<JsonNode> posted = events.stream().filter(event -> event.get("type").asText().equals("UpdatePosted"))
                    .toList();
            assertThat(posted).extracting(event -> event.get("payload").get("updateId").asText())
                    .as("each scheduled update once").containsExactlyInAnyOrderElementsOf(dueAt.keySet());
            assertThat(posted).allSatisfy(event -> assertThat(Instant.parse(event.get("occurredAt").asText()))
                    .as("not before its time").isAfterOrEqualTo(dueAt.get(event.get("payload").get("updateId")
                            .asText())));
            assertThat(posted).extracting(event -> event.get("actor").asText()).containsOnly("editor");
            assertThat(events.stream().filter(event -> event.get("type").asText().equals("DraftPublished")))
                    .hasSize(DRAFTS);
            System.out.printf("[fault] %d drafts scheduled, every command instance killed before any was due, "
                            + "started again after: %d published once each, the last %s after its time%n", DRAFTS,
                    posted.size(), posted.stream().map(event -> Duration.between(dueAt.get(event.get("payload")
                            .get("updateId").asText()), Instant.parse(event.get("occurredAt").asText())))
                            .max(Duration::compareTo).orElseThrow());
        }
    }

    private static long updatesOnPage(String queryUrl, String tid) {
        return read(Reckoning.get(queryUrl + "/api/timelines/" + tid, null)).get("updates").size();
    }

    private static List<JsonNode> auditEvents(String queryUrl, String tid) {
        return Reckoning.get(queryUrl + "/api/audit/timelines/" + tid + "/events", basic("auditor")).lines()
                .filter(line -> !line.isBlank()).map(ScheduledPublicationTest::read).toList();
    }

    /** A command by {@code user}, whose demo password is the user name; its answer. */
    private static JsonNode send(String user, String method, String url, String json) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", basic(user))
                    .header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isBetween(200, 202);
            return read(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
