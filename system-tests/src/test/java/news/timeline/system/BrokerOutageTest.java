package news.timeline.system;

import com.fasterxml.jackson.databind.JsonNode;
import news.timeline.embedded.EmbeddedStack;
import news.timeline.embedded.StackOptions;
import news.timeline.kafka.KafkaBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Editors keep working while Kafka is down; once it is back, every update reaches readers once, in order. */
class BrokerOutageTest {

    private final Http http = new Http();

    @Test
    void updatesPostedWhileTheBrokerIsDownAreProjectedExactlyOnceInOrder(@TempDir Path dataDir) {
        try (KafkaBroker broker = KafkaBroker.start(dataDir.resolve("kafka"), 0, KafkaBroker.Jvm.SHORT_LIVED);
             EmbeddedStack stack = EmbeddedStack.start(StackOptions.forTests(dataDir, broker.bootstrapServers()))) {
            String tid = "outage";
            command(stack, "/api/timelines", "{\"id\":\"" + tid + "\",\"title\":\"Outage\"}");
            List<String> posted = new ArrayList<>();
            posted.add(post(stack, tid, 0));
            awaitProjected(stack, tid, 1);

            broker.kill();
            for (int i = 1; i <= 5; i++) {
                posted.add(post(stack, tid, i));
            }
            broker.start();

            awaitProjected(stack, tid, 6);
            JdbcTemplate projection = stack.queryService().getBean(JdbcTemplate.class);
            assertThat(projection.queryForList(
                    "SELECT sequence FROM audit_entry WHERE timeline_id = ? ORDER BY sequence", Long.class, tid))
                    .containsExactlyElementsOf(LongStream.rangeClosed(0, 6).boxed().toList());
            assertThat(projection.queryForList(
                    "SELECT update_id FROM timeline_update WHERE timeline_id = ? ORDER BY posted_sequence", String.class, tid))
                    .containsExactlyElementsOf(posted);
            JsonNode page = http.get(stack.queryUrl() + "/api/timelines/" + tid).json();
            assertThat(page.get("updates").findValues("headline")).extracting(JsonNode::asText)
                    .containsExactly("Update 5", "Update 4", "Update 3", "Update 2", "Update 1", "Update 0");
        }
    }

    private String post(EmbeddedStack stack, String tid, int n) {
        return command(stack, "/api/timelines/" + tid + "/updates",
                "{\"headline\":\"Update " + n + "\",\"blocks\":[]}").json().get("updateId").asText();
    }

    private Http.Response command(EmbeddedStack stack, String path, String json) {
        Http.Response response = http.send("editor", "POST", stack.commandUrl() + path, json, null);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response;
    }

    private static void awaitProjected(EmbeddedStack stack, String tid, long sequence) {
        JdbcTemplate projection = stack.queryService().getBean(JdbcTemplate.class);
        await().atMost(Duration.ofSeconds(120)).until(() -> projection.queryForList(
                "SELECT last_sequence FROM timeline_position WHERE timeline_id = ?", Long.class, tid)
                .stream().anyMatch(last -> last >= sequence));
    }
}
