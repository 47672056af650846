package news.timeline.system;

import com.fasterxml.jackson.databind.JsonNode;
import news.timeline.embedded.EmbeddedStack;
import news.timeline.embedded.StackOptions;
import news.timeline.kafka.SharedKafka;
import news.timeline.tools.TimelineTools;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The topic is lost; an admin republishes from the event store. The topic comes back with every event, its hash
 * chains intact, the live projection skips what it already applied and goes on, and a rebuild from the restored
 * topic gives the very same projection.
 */
class RepublishTest {

    private static EmbeddedStack stack;
    private static String topic;
    private static Newsroom newsroom;
    private final Http http = new Http();

    @BeforeAll
    static void startStack(@TempDir Path dataDir) {
        topic = "republish-" + dataDir.getFileName();
        stack = EmbeddedStack.start(StackOptions.forTests(dataDir, SharedKafka.bootstrapServers()).onTopic(topic));
        newsroom = new Newsroom(stack);
    }

    @AfterAll
    static void stopStack() {
        stack.close();
    }

    @Test
    void republishingRestoresALostTopicAndTheProjectionStaysExact() throws Exception {
        String tid = "republish-" + UUID.randomUUID().toString().substring(0, 8);
        newsroom.command("POST", "/api/timelines", "{\"id\":\"" + tid + "\",\"title\":\"Rochester by-election\"}", null);
        String uid = newsroom.post(tid, "Polls open");
        newsroom.post(tid, "Turnout is high");
        newsroom.command("PUT", "/api/timelines/" + tid + "/updates/" + uid, """
                {"headline":"Polls opened at 7am","blocks":[{"type":"paragraph","text":"Text"}],
                 "change":{"kind":"CLARIFICATION","note":"Opening time"}}""", "\"1\"");
        newsroom.awaitLastSequence(tid, 3);
        assertThat(endOffsets()).isEqualTo(newsroom.storedEvents());

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            admin.deleteTopics(List.of(topic)).all().get();
            await().atMost(Duration.ofSeconds(30)).until(() -> !admin.listTopics().names().get().contains(topic));
        }

        Http.Response republished = http.send("admin", "POST", stack.commandUrl() + "/api/admin/republish", null, null);
        assertThat(republished.status()).isEqualTo(202);
        assertThat(http.send("editor", "POST", stack.commandUrl() + "/api/admin/republish", null, null).status())
                .isEqualTo(403);
        await().atMost(Duration.ofSeconds(60)).until(() -> endOffsets() == newsroom.storedEvents());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(TimelineTools.run(new String[]{"verify-chain", "--bootstrap-servers", stack.bootstrapServers(),
                "--topic", topic, "--timeline", tid}, new PrintStream(out, true), System.err))
                .isEqualTo(TimelineTools.SUCCESS);
        assertThat(out.toString()).startsWith(tid + ": intact, 4 events");

        String after = newsroom.post(tid, "Count under way");
        newsroom.awaitLastSequence(tid, 4);
        JsonNode page = http.get(stack.queryUrl() + "/api/timelines/" + tid).json();
        assertThat(page.get("updates").findValues("id")).extracting(JsonNode::asText).hasSize(3).contains(after);
        assertThat(http.get(stack.queryUrl() + "/api/timelines/" + tid + "/updates/" + uid + "/history").json()
                .get("revisions")).hasSize(2);

        assertThat(http.send("admin", "POST", stack.queryUrl() + "/api/admin/rebuild", null, null).status())
                .isEqualTo(202);
        JsonNode rebuilt = await().atMost(Duration.ofSeconds(60)).until(() -> http.send("admin", "GET",
                stack.queryUrl() + "/api/admin/rebuild", null, null).json(),
                progress -> progress.get("state").asText().matches("DONE|FAILED"));
        assertThat(rebuilt.get("rebuilt").get("sha256").asText()).as(rebuilt.toString())
                .isEqualTo(rebuilt.get("live").get("sha256").asText());
    }

    private static long endOffsets() {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.listTopics().getOrDefault(topic, List.of()).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
