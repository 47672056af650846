package news.timeline.system;

import com.fasterxml.jackson.databind.JsonNode;
import news.timeline.embedded.EmbeddedStack;
import news.timeline.embedded.StackOptions;
import news.timeline.kafka.SharedKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Legal erasure through both services and the broker: an update whose every revision holds a unique phrase is
 * published through every channel, erased by two people, and then no answer of either service holds the phrase,
 * while the chain still verifies by the endpoint and by README's script; an editor posts a redacted replacement.
 * Neither service ever wrote the phrase to its log.
 */
class LegalErasureTest {

    private static final String ERASURE = """
            {"reason":"Names a protected witness","legalReference":"High Court injunction QB-2014-000123",
             "publicNote":"This update was removed for legal reasons."}""";

    private final Http http = new Http();

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void twoPeopleEraseAnUpdateFromEveryAnswerAndTheChainStillVerifies(@TempDir Path dataDir, CapturedOutput logs) {
        String phrase = "Zebedee " + UUID.randomUUID().toString().substring(0, 8) + " of Jaywick";
        try (EmbeddedStack stack = EmbeddedStack.start(StackOptions.forTests(dataDir, SharedKafka.bootstrapServers())
                .withArguments("--timeline.kafka.group-id=erasure-" + dataDir.getFileName()))) {
            Newsroom newsroom = new Newsroom(stack);
            String tid = "erasure-" + UUID.randomUUID().toString().substring(0, 8);
            newsroom.command("POST", "/api/timelines", "{\"id\":\"" + tid + "\",\"title\":\"Count night\"}", null);
            String uid = newsroom.command("POST", "/api/timelines/" + tid + "/updates", content(
                    "Witness at the count", "A witness, " + phrase + ", was seen at the count."), null)
                    .json().get("updateId").asText();
            newsroom.command("POST", "/api/timelines/" + tid + "/updates", content("Turnout", "Turnout is high."),
                    null);
            long edited = newsroom.command("PUT", "/api/timelines/" + tid + "/updates/" + uid, content(
                    "Witness at the count", "The witness, " + phrase + ", spoke to us.")
                    .replace("]}", "],\"change\":{\"kind\":\"UPDATE\"}}"), "\"1\"").json().get("sequence").asLong();
            newsroom.awaitLastSequence(tid, edited);
            Instant published = Instant.now();
            List<String> answers = answers(stack, tid, uid, published);
            assertThat(answers).as("published through every channel").allSatisfy(answer ->
                    assertThat(answer).contains(phrase));

            Http.Response requested = http.send("legal", "POST", stack.commandUrl() + "/api/timelines/" + tid
                    + "/updates/" + uid + "/erasure", ERASURE, null);
            assertThat(requested.status()).as(requested.body()).isEqualTo(202);
            String approval = stack.commandUrl() + "/api/timelines/" + tid + "/erasures/"
                    + requested.json().get("erasureId").asText() + "/approval";
            Http.Response own = http.send("legal", "POST", approval, null, null);
            assertThat(own.status()).isEqualTo(403);
            assertThat(own.header("Content-Type")).contains("application/problem+json");
            assertThat(answers(stack, tid, uid, published)).as("nothing erased on one person's word")
                    .allSatisfy(answer -> assertThat(answer).contains(phrase));
            Http.Response approved = http.send("legal2", "POST", approval, null, null);
            assertThat(approved.status()).as(approved.body()).isEqualTo(200);
            newsroom.awaitLastSequence(tid, approved.json().get("sequence").asLong());

            // an editor replaces it with a redacted update; the erased one takes no more changes
            newsroom.command("POST", "/api/timelines/" + tid + "/updates", content("Witness at the count",
                    "A witness was seen at the count."), null);
            assertThat(http.send("editor", "PUT", stack.commandUrl() + "/api/timelines/" + tid + "/updates/" + uid,
                    content("Again", phrase).replace("]}", "],\"change\":{\"kind\":\"UPDATE\"}}"), "\"2\"").status())
                    .isEqualTo(410);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(answers(stack, tid, uid, published)).allSatisfy(answer ->
                            assertThat(answer).doesNotContain(phrase)));
            assertThat(http.get(stack.queryUrl() + "/api/timelines/" + tid + "/updates/" + uid).status())
                    .isEqualTo(410);
            assertThat(http.get(stack.queryUrl() + "/timelines/" + tid).body())
                    .contains("This update was removed for legal reasons.", "A witness was seen at the count.");
            JsonNode verified = http.send("auditor", "GET", stack.queryUrl() + "/api/audit/timelines/" + tid
                    + "/verify", null, null).json();
            assertThat(verified.get("intact").asBoolean()).as(verified.toString()).isTrue();
            String ndjson = http.send("auditor", "GET", stack.queryUrl() + "/api/audit/timelines/" + tid
                    + "/events", null, null).body();
            assertThat(Readme.verifyChain(dataDir, ndjson)).isEqualTo("intact, %d events, head %s",
                    verified.get("verifiedEvents").asLong(), verified.get("head").asText());
            assertThat(http.send("auditor", "GET", stack.queryUrl() + "/audit/timelines/" + tid, null, null).body())
                    .contains("requested by", "legal", "approved by", "legal2", "QB-2014-000123");

            // a rebuild reads the words back from the topic into the audit log (until content is kept encrypted):
            // the erasure is carried out again as soon as the rebuilt tables are in
            assertThat(http.send("admin", "POST", stack.queryUrl() + "/api/admin/rebuild", null, null).status())
                    .isEqualTo(202);
            await().atMost(Duration.ofSeconds(60)).until(() -> http.send("admin", "GET", stack.queryUrl()
                    + "/api/admin/rebuild", null, null).json().get("state").asText().equals("DONE"));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(answers(stack, tid, uid, published)).allSatisfy(answer ->
                            assertThat(answer).doesNotContain(phrase)));
            assertThat(http.send("auditor", "GET", stack.queryUrl() + "/api/audit/timelines/" + tid + "/verify",
                    null, null).json().get("intact").asBoolean()).isTrue();
        }
        // both services logged all along (into this JVM's output): never a word of what they carried
        assertThat(logs.getAll()).as("what both services logged").contains("DEMO ACCOUNTS").doesNotContain(phrase);
    }

    /** Every answer that held the update's words: readers' and auditors', time travel to when it was published. */
    private List<String> answers(EmbeddedStack stack, String tid, String uid, Instant published) {
        String query = stack.queryUrl();
        return List.of(
                http.get(query + "/api/timelines/" + tid).body(),
                http.get(query + "/timelines/" + tid).body(),
                http.get(query + "/timelines/" + tid + "/feed.atom").body(),
                http.get(query + "/api/timelines/" + tid + "/updates/" + uid).body(),
                http.get(query + "/api/timelines/" + tid + "/updates/" + uid + "/history").body(),
                http.get(query + "/timelines/" + tid + "/updates/" + uid + "/history").body(),
                auditor(query + "/api/audit/timelines/" + tid + "/events"),
                auditor(query + "/api/audit/timelines/" + tid + "?asOf=" + published),
                auditor(query + "/api/audit/timelines/" + tid + "/updates/" + uid + "/history"),
                auditor(query + "/audit/timelines/" + tid + "/updates/" + uid));
    }

    private String auditor(String url) {
        return http.send("auditor", "GET", url, null, null).body();
    }

    private static String content(String headline, String text) {
        return "{\"headline\":\"" + headline + "\",\"blocks\":[{\"type\":\"paragraph\",\"text\":\"" + text + "\"}]}";
    }
}
