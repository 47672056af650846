package news.timeline.system;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import news.timeline.embedded.EmbeddedStack;
import news.timeline.embedded.StackOptions;
import news.timeline.kafka.SharedKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The auditors' questions on the seed story: an editor corrects "Carwswell" and withdraws another update; the
 * timeline as readers saw it before the correction still shows the typo, after it the fix and its note; the
 * auditors' history holds both revisions and the difference; the withdrawn words reach auditors only.
 */
class SeedStoryAuditTest {

    private static final String STORY = "/timelines/ukip-campaign";
    private static EmbeddedStack stack;
    private static Newsroom newsroom;
    private final Http http = new Http();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void startStack(@TempDir Path dataDir) {
        // a topic of its own: the demo story's ids are fixed, and other stacks on the shared broker load it too
        stack = EmbeddedStack.start(StackOptions.forTests(dataDir, SharedKafka.bootstrapServers()).withDemo()
                .onTopic("seed-audit-" + dataDir.getFileName()));
        newsroom = new Newsroom(stack);
    }

    @AfterAll
    static void stopStack() {
        stack.close();
    }

    @Test
    void auditorsSeeTheTypoBeforeTheCorrectionTheFixAfterAndTheWithdrawnWordsThatReadersDoNot() {
        // the demo story: ten updates, the last event pins one
        JsonNode loaded = await().atMost(Duration.ofSeconds(60)).until(() -> http.get(stack.queryUrl() + "/api"
                + STORY), page -> page.status() == 200 && page.json().get("updates").size() == 10
                && page.json().get("updates").get(0).get("pinned").asBoolean()).json();
        String scrum = update("media-scrum");
        String correction = scrum.replace("Douglas Carwswell can hardly", "Douglas Carswell can hardly");
        long corrected = newsroom.command("PUT", "/api" + STORY + "/updates/media-scrum",
                correction.substring(0, correction.length() - 1)
                        + ",\"change\":{\"kind\":\"CORRECTION\",\"note\":\"Corrected the spelling of Carswell.\"}}",
                "\"1\"").json().get("sequence").asLong();
        long withdrawn = newsroom.command("POST", "/api" + STORY + "/updates/hiv-group/retraction",
                "{\"reason\":\"Claim not stood up by a second source\",\"publicNote\":\"This update was withdrawn.\"}",
                "\"1\"").json().get("sequence").asLong();
        newsroom.awaitLastSequence("ukip-campaign", withdrawn);

        Instant correctedAt = occurredAt(corrected);
        String before = audit("/api/audit" + STORY + "?asOf=" + correctedAt.minusMillis(1));
        String after = audit("/api/audit" + STORY + "?asOf=" + correctedAt);
        assertThat(before).contains("Douglas Carwswell can hardly").doesNotContain("Corrected the spelling");
        assertThat(after).contains("Douglas Carswell can hardly", "Corrected the spelling of Carswell.")
                .doesNotContain("Carwswell");
        assertThat(before).contains(loaded.get("updates").get(0).get("headline").asText());

        JsonNode history = http.send("auditor", "GET", stack.queryUrl() + "/api/audit" + STORY
                + "/updates/media-scrum/history", null, null).json();
        assertThat(history.get("revisions").findValues("kind")).extracting(JsonNode::asText)
                .containsExactly("POSTED", "CORRECTION");
        assertThat(history.get("revisions").get(1).get("diff").toString())
                .contains("{\"op\":\"DELETE\",\"text\":\"Carwswell\"}", "{\"op\":\"INSERT\",\"text\":\"Carswell\"}");

        String withdrawnWords = "HIV";
        assertThat(http.get(stack.queryUrl() + "/api" + STORY + "/updates/hiv-group").body())
                .contains("This update was withdrawn.").doesNotContain(withdrawnWords);
        assertThat(http.get(stack.queryUrl() + "/api" + STORY + "/updates/hiv-group/history").body())
                .doesNotContain(withdrawnWords);
        assertThat(audit("/api/audit" + STORY + "/updates/hiv-group/history"))
                .contains(withdrawnWords, "Claim not stood up by a second source");
        assertThat(http.send("editor", "GET", stack.queryUrl() + "/api/audit" + STORY + "/updates/hiv-group/history",
                null, null).status()).isEqualTo(403);
    }

    private String update(String updateId) {
        JsonNode update = http.get(stack.queryUrl() + "/api" + STORY + "/updates/" + updateId).json();
        return "{\"headline\":" + update.get("headline") + ",\"keyEvent\":" + update.get("keyEvent")
                + ",\"blocks\":" + update.get("blocks") + "}";
    }

    private Instant occurredAt(long sequence) {
        return Arrays.stream(audit("/api/audit" + STORY + "/events").split("\n"))
                .map(this::json)
                .filter(event -> event.get("sequence").asLong() == sequence)
                .map(event -> Instant.parse(event.get("occurredAt").asText()))
                .findFirst().orElseThrow();
    }

    private JsonNode json(String line) {
        try {
            return json.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(line, e);
        }
    }

    private String audit(String path) {
        Http.Response response = http.send("auditor", "GET", stack.queryUrl() + path, null, null);
        assertThat(response.status()).as(path).isEqualTo(200);
        return response.body();
    }
}
