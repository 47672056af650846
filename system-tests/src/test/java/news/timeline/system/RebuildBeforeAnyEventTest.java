package news.timeline.system;

import com.fasterxml.jackson.databind.JsonNode;
import news.timeline.embedded.EmbeddedStack;
import news.timeline.embedded.StackOptions;
import news.timeline.kafka.SharedKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An admin rebuilds on a fresh installation, before any event was published: nothing to read, nothing lost. */
class RebuildBeforeAnyEventTest {

    private final Http http = new Http();

    @Test
    void aRebuildWithNoTopicYetIsDoneWithNothing(@TempDir Path dataDir) {
        try (EmbeddedStack stack = EmbeddedStack.start(StackOptions.forTests(dataDir, SharedKafka.bootstrapServers())
                .onTopic("never-published-" + dataDir.getFileName()))) {
            assertThat(http.send("admin", "POST", stack.queryUrl() + "/api/admin/rebuild", null, null).status())
                    .isEqualTo(202);

            JsonNode done = await().atMost(Duration.ofSeconds(60)).until(
                    () -> http.send("admin", "GET", stack.queryUrl() + "/api/admin/rebuild", null, null).json(),
                    progress -> !progress.get("state").asText().matches("REBUILDING|SWITCHING"));
            assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("DONE");
            assertThat(done.get("eventsApplied").asLong()).isZero();
            assertThat(done.get("rebuilt").get("sha256").asText()).isEqualTo(done.get("live").get("sha256").asText());

            Newsroom newsroom = new Newsroom(stack);
            String tid = "after-rebuild-" + dataDir.getFileName();
            newsroom.command("POST", "/api/timelines", "{\"id\":\"" + tid + "\",\"title\":\"After the rebuild\"}", null);
            newsroom.post(tid, "The first update, after a rebuild of nothing");
            newsroom.awaitLastSequence(tid, 1);
        }
    }
}
