package news.timeline.system;

import com.fasterxml.jackson.databind.JsonNode;
import news.timeline.embedded.EmbeddedStack;
import news.timeline.embedded.StackOptions;
import news.timeline.query.consuming.TimelinePositions;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What the README's first command gives a newcomer: a broker of its own, the demo story, data kept across starts. */
class EmbeddedStackTest {

    private static final int DEMO_UPDATES = 10;
    private final Http http = new Http();

    @Test
    void startsWithTheDemoStoryAndKeepsItsDataAcrossRestarts(@TempDir Path dataDir) {
        StackOptions options = StackOptions.forTests(dataDir, null).withDemo();
        try (EmbeddedStack stack = EmbeddedStack.start(options)) {
            JsonNode page = demo(stack);
            JsonNode pinned = page.get("updates").get(0);
            assertThat(pinned.get("id").asText()).isEqualTo("ukip-trio-kent");
            assertThat(pinned.get("pinned").asBoolean()).isTrue();
            String image = pinned.get("blocks").get(1).get("url").asText();
            assertThat(http.get(image).status()).as(image).isEqualTo(200);
            JsonNode scrum = http.get(stack.queryUrl() + "/api/timelines/ukip-campaign/updates/media-scrum").json();
            assertThat(scrum.get("blocks").get(2).get("caption").asText()).contains("Carwswell");
            assertThat(http.send("editor", "PUT", stack.commandUrl() + "/api/timelines/ukip-campaign/updates/media-scrum",
                    scrum.get("blocks").toString().transform(blocks -> """
                            {"headline":"Farage and Carswell face media scrum at walkabout","blocks":%s,
                             "change":{"kind":"CORRECTION","note":"Spelling of Carswell"}}"""
                            .formatted(blocks.replace("Carwswell", "Carswell"))), "\"1\"").status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> http.get(stack.queryUrl()
                    + "/api/timelines/ukip-campaign/updates/media-scrum").json().get("revision").asInt() == 2);
        }

        try (EmbeddedStack again = EmbeddedStack.start(options)) {
            JsonNode page = demo(again);
            assertThat(page.get("lastSequence").asLong()).as("no second load of the demo").isEqualTo(DEMO_UPDATES + 2);
            JsonNode scrum = http.get(again.queryUrl() + "/api/timelines/ukip-campaign/updates/media-scrum").json();
            assertThat(scrum.get("revision").asInt()).isEqualTo(2);
            assertThat(scrum.toString()).doesNotContain("Carwswell");
        }
    }

    /** The story as readers find it as soon as the stack has started: the URLs it prints must answer at once. */
    private JsonNode demo(EmbeddedStack stack) {
        long stored = stack.commandService().getBean(EventStore.class).lastSequenceNumberFor("ukip-campaign")
                .orElseThrow();
        assertThat(stack.queryService().getBean(TimelinePositions.class).lastSequence("ukip-campaign"))
                .as("applied by the query service").isEqualTo(stored);
        Http.Response page = http.get(stack.queryUrl() + "/api/timelines/ukip-campaign?limit=100");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().get("updates")).hasSize(DEMO_UPDATES);
        assertThat(http.get(stack.queryUrl() + "/timelines/ukip-campaign").status()).isEqualTo(200);
        return page.json();
    }
}
