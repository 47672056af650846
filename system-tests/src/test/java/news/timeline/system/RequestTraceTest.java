package news.timeline.system;

import news.timeline.embedded.EmbeddedStack;
import news.timeline.embedded.StackOptions;
import news.timeline.kafka.SharedKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The trace id of an editor's request (its W3C {@code traceparent}, as a gateway would send it) follows the post:
 * onto its event, the event's Kafka record ({@code ce_traceparent}), the relay's log line and the log line of the
 * query service that applied it.
 */
@ExtendWith(OutputCaptureExtension.class)
class RequestTraceTest {

    private static EmbeddedStack stack;

    @BeforeAll
    static void startStack(@TempDir Path dataDir) {
        stack = EmbeddedStack.start(StackOptions.forTests(dataDir, SharedKafka.bootstrapServers()).withArguments(
                "--timeline.kafka.group-id=trace-" + dataDir.getFileName(),
                "--logging.level.news.timeline.command.publishing.KafkaPublisher=DEBUG",
                "--logging.level.news.timeline.query.consuming.ProjectionConsumer=DEBUG"));
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aPostsTraceIdIsInTheRelaysAndTheProjectionsLogLines(CapturedOutput output) throws Exception {
        String tid = "trace-" + UUID.randomUUID().toString().substring(0, 8);
        String traceId = HexFormat.of().formatHex(randomBytes(16));
        String traceparent = "00-" + traceId + "-" + HexFormat.of().formatHex(randomBytes(8)) + "-01";

        assertThat(post("/api/timelines", "{\"id\":\"" + tid + "\",\"title\":\"Traced\"}", traceparent).statusCode())
                .isEqualTo(201);
        HttpResponse<String> posted = post("/api/timelines/" + tid + "/updates",
                "{\"headline\":\"Followed\",\"blocks\":[]}", traceparent);
        assertThat(posted.statusCode()).isEqualTo(201);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(output.getOut().lines()
                .filter(line -> line.contains(traceId)))
                .anyMatch(line -> line.contains("publishing event") && line.contains("timeline " + tid
                        + " at sequence 1"))
                .anyMatch(line -> line.contains("projected event") && line.contains("of timeline " + tid)));
    }

    private static HttpResponse<String> post(String path, String json, String traceparent) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(stack.commandUrl() + path))
                .header("Content-Type", "application/json").header("traceparent", traceparent)
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString("editor:editor".getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
