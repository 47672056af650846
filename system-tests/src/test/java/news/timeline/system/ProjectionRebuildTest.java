package news.timeline.system;

import com.fasterxml.jackson.databind.JsonNode;
import news.timeline.embedded.EmbeddedStack;
import news.timeline.embedded.StackOptions;
import news.timeline.kafka.SharedKafka;
import news.timeline.tools.TimelineTools;
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
 * An admin rebuilds every projection from offset 0 while editors keep posting and readers keep reading: the
 * rebuilt tables have the live ones' checksum and counts, the switch-over loses nothing, and the topic holds
 * exactly the events the command service stored (the rebuild published nothing).
 */
class ProjectionRebuildTest {

    static EmbeddedStack stack;
    static Newsroom newsroom;
    private final Http http = new Http();

    @BeforeAll
    static void startStack(@TempDir Path dataDir) {
        // a topic of its own: the rebuild reads it all, and counts it against this stack's event store
        stack = EmbeddedStack.start(StackOptions.forTests(dataDir, SharedKafka.bootstrapServers())
                .onTopic("rebuild-" + dataDir.getFileName()));
        newsroom = new Newsroom(stack);
    }

    @AfterAll
    static void stopStack() {
        stack.close();
    }

    @Test
    void theRebuiltProjectionMatchesTheLiveOneAndTakesOverWithoutLosingAnEvent() {
        String kent = story("kent", 6);
        String essex = story("essex", 4);
        newsroom.awaitLastSequence(essex, 4 + 4);

        Http.Response started = http.send("admin", "POST", stack.queryUrl() + "/api/admin/rebuild", null, null);
        assertThat(started.status()).isEqualTo(202);
        String late = newsroom.post(kent, "Posted while the rebuild runs");
        assertThat(http.get(stack.queryUrl() + "/api/timelines/" + kent).status()).isEqualTo(200);

        JsonNode done = awaitEnd();
        assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("DONE");
        assertThat(done.get("rebuilt").get("sha256").asText()).isEqualTo(done.get("live").get("sha256").asText());
        assertThat(done.get("rebuilt").get("rows")).isEqualTo(done.get("live").get("rows"));
        assertThat(done.get("eventsApplied").asLong()).isGreaterThanOrEqualTo(18);
        assertThat(done.get("eventsPerSecond").asLong()).isPositive();

        String after = newsroom.post(kent, "Posted after the switch");
        await().atMost(Duration.ofSeconds(30)).until(() -> http.get(stack.queryUrl() + "/api/timelines/" + kent
                + "/updates/" + after).status() == 200);
        JsonNode page = http.get(stack.queryUrl() + "/api/timelines/" + kent + "?limit=100").json();
        assertThat(page.get("updates").findValues("id")).extracting(JsonNode::asText).contains(late, after);
        assertThat(page.get("updates")).hasSize(6 + 2);
        assertThat(topicRecords()).as("the rebuild published nothing").isEqualTo(newsroom.storedEvents());
    }

    @Test
    void theCommandLineRunsARebuildAndFollowsItToTheEnd() throws Exception {
        story("rochester", 3);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = TimelineTools.run(new String[]{"rebuild", "--query-service", stack.queryUrl(), "--user", "admin",
                "--password", "admin"}, new PrintStream(out, true), new PrintStream(err, true));

        assertThat(exit).as(err + "\n" + out).isEqualTo(TimelineTools.SUCCESS);
        assertThat(out.toString()).containsPattern("done: [\\d,]+ events at [\\d,]+ events/s")
                .contains("(same as the live projection)");
        assertThat(TimelineTools.run(new String[]{"rebuild", "--query-service", stack.queryUrl(), "--user", "auditor",
                "--password", "auditor"}, new PrintStream(out, true), new PrintStream(err, true)))
                .isEqualTo(TimelineTools.FAILURE);
        assertThat(err.toString()).contains("HTTP 403");
    }

    JsonNode awaitEnd() {
        return await().atMost(Duration.ofSeconds(60)).until(this::progress,
                progress -> !progress.get("state").asText().matches("REBUILDING|SWITCHING"));
    }

    private JsonNode progress() {
        Http.Response response = http.send("admin", "GET", stack.queryUrl() + "/api/admin/rebuild", null, null);
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }

    /** A timeline with {@code updates} posts, one corrected, one retracted, one pinned. */
    String story(String name, int updates) {
        String tid = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        newsroom.command("POST", "/api/timelines", "{\"id\":\"" + tid + "\",\"title\":\"" + name + " by-election\"}", null);
        String first = newsroom.post(tid, "First from " + name);
        for (int i = 2; i <= updates; i++) {
            newsroom.post(tid, "Update " + i + " from " + name);
        }
        newsroom.command("PUT", "/api/timelines/" + tid + "/updates/" + first, """
                {"headline":"First, corrected","blocks":[{"type":"paragraph","text":"Now right."}],
                 "change":{"kind":"CORRECTION","note":"Fixed"}}""", "\"1\"");
        newsroom.command("PUT", "/api/timelines/" + tid + "/pin", "{\"updateId\":\"" + first + "\"}", null);
        newsroom.command("POST", "/api/timelines/" + tid + "/updates/" + first + "/retraction",
                "{\"reason\":\"Wrong\",\"publicNote\":\"Withdrawn.\"}", "\"2\"");
        return tid;
    }

    private long topicRecords() {
        String topic = stack.queryService().getEnvironment().getRequiredProperty("timeline.kafka.topic");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            return await().atMost(Duration.ofSeconds(30)).until(
                    () -> consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum(),
                    records -> records == newsroom.storedEvents());
        }
    }
}
