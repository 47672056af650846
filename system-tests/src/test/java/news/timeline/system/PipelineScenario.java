package news.timeline.system;

import com.fasterxml.jackson.databind.JsonNode;
import news.timeline.embedded.EmbeddedStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole pipeline on real parts: editors' HTTP commands, the event store, the Kafka relay, a real broker, the
 * projection and the reader API. Subclasses choose the database.
 */
abstract class PipelineScenario {

    private static final String CORRECTED = """
            {"headline":"Farage and Carswell face media scrum at walkabout","keyEvent":false,"blocks":[
              {"type":"image","url":"https://img.example/scrum.jpg",
               "caption":"Nigel Farage and Douglas Carswell can hardly be seen amid the media scrum.",
               "credit":"ITV News","alt":"Photographers around two men"}],
             "change":{"kind":"CORRECTION","note":"Corrected the spelling of Douglas Carswell's name."}}""";

    protected static EmbeddedStack stack;
    private final Http http = new Http();

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void editorsWorkReachesReadersInOrderWithItsHistory() {
        String tid = "story-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(command("editor", "POST", "/api/timelines",
                "{\"id\":\"" + tid + "\",\"title\":\"Ukip after the by-elections\",\"summary\":\"Live\"}", null)
                .status()).isEqualTo(201);
        String scrum = post(tid, "Farage and Carswell face media scrum at walkabout",
                "Nigel Farage and Douglas Carwswell can hardly be seen amid the media scrum.");
        String balance = post(tid, "Nigel Farage: Ukip could hold balance of power", "Ukip could hold the balance.");
        String trio = post(tid, "Ukip trio hit the campaign trail in bid for Kent seat", "Farage, Carswell, Reckless.");
        assertThat(command("editor", "PUT", "/api/timelines/" + tid + "/pin",
                "{\"updateId\":\"" + scrum + "\"}", null).status()).isEqualTo(200);
        Http.Response corrected = command("editor2", "PUT", "/api/timelines/" + tid + "/updates/" + scrum,
                CORRECTED, "\"1\"");
        assertThat(corrected.status()).isEqualTo(200);
        assertThat(corrected.header("ETag")).isEqualTo("\"2\"");
        Http.Response retracted = command("editor", "POST",
                "/api/timelines/" + tid + "/updates/" + balance + "/retraction",
                "{\"reason\":\"Quote could not be verified\",\"publicNote\":\"This update has been withdrawn.\"}",
                "\"1\"");
        assertThat(retracted.status()).isEqualTo(200);
        long lastSequence = retracted.json().get("sequence").asLong();

        Http.Response stale = command("editor", "PUT", "/api/timelines/" + tid + "/updates/" + scrum,
                CORRECTED, "\"1\"");
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.json().get("currentRevision").asInt()).isEqualTo(2);

        JsonNode page = awaitTimeline(tid, lastSequence);
        assertThat(page.get("lastSequence").asLong()).as("the stale edit stored nothing").isEqualTo(lastSequence);
        assertThat(ids(page)).containsExactly(scrum, trio, balance);
        JsonNode pinned = page.get("updates").get(0);
        assertThat(pinned.get("pinned").asBoolean()).isTrue();
        assertThat(pinned.get("revision").asInt()).isEqualTo(2);
        assertThat(pinned.get("blocks").get(0).get("caption").asText()).contains("Douglas Carswell can hardly");
        assertThat(pinned.get("lastChange").get("kind").asText()).isEqualTo("CORRECTION");
        JsonNode tombstone = page.get("updates").get(2);
        assertThat(tombstone.get("status").asText()).isEqualTo("RETRACTED");
        assertThat(tombstone.get("retraction").get("publicNote").asText()).isEqualTo("This update has been withdrawn.");
        assertThat(page.toString()).doesNotContain("Ukip could hold the balance").doesNotContain("could not be verified");

        JsonNode history = http.get(stack.queryUrl() + "/api/timelines/" + tid + "/updates/" + scrum + "/history").json();
        assertThat(history.get("revisions").findValues("kind")).extracting(JsonNode::asText)
                .containsExactly("POSTED", "CORRECTION");
        assertThat(history.get("revisions").get(0).get("blocks").get(0).get("text").asText()).contains("Carwswell");
        assertThat(history.get("revisions").get(1).get("note").asText())
                .isEqualTo("Corrected the spelling of Douglas Carswell's name.");
    }

    /**
     * A contributor's draft is on the record (the auditors' events) and nowhere readers look (page, API, feed)
     * until an editor publishes it; then readers see it credited to the contributor.
     */
    @Test
    void aDraftReachesReadersOnlyOncePublished() {
        String tid = "drafts-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(command("editor", "POST", "/api/timelines",
                "{\"id\":\"" + tid + "\",\"title\":\"Clacton by-election\"}", null).status()).isEqualTo(201);
        Http.Response filed = command("contributor", "POST", "/api/timelines/" + tid + "/drafts",
                "{\"headline\":\"Counting begins in Clacton\",\"blocks\":[{\"type\":\"paragraph\","
                        + "\"text\":\"Ballot boxes are arriving at the count.\"}]}", null);
        assertThat(filed.status()).as(filed.body()).isEqualTo(201);
        String draft = filed.json().get("draftId").asText();

        JsonNode page = awaitTimeline(tid, filed.json().get("sequence").asLong());
        assertThat(page.get("updates")).isEmpty();
        assertThat(http.get(stack.queryUrl() + "/timelines/" + tid).body()).doesNotContain("Counting begins");
        assertThat(http.get(stack.queryUrl() + "/timelines/" + tid + "/feed.atom").body())
                .doesNotContain("Counting begins");
        String record = http.send("auditor", "GET", stack.queryUrl() + "/api/audit/timelines/" + tid + "/events",
                null, null).body();
        assertThat(record).contains("\"type\":\"DraftFiled\"", "\"actor\":\"contributor\"", "Counting begins");

        Http.Response published = command("editor", "POST",
                "/api/timelines/" + tid + "/drafts/" + draft + "/publication", null, "\"1\"");
        assertThat(published.status()).as(published.body()).isEqualTo(201);
        JsonNode update = awaitTimeline(tid, published.json().get("sequence").asLong()).get("updates").get(0);
        assertThat(update.get("id").asText()).isEqualTo(published.json().get("updateId").asText());
        assertThat(update.get("headline").asText()).isEqualTo("Counting begins in Clacton");
        assertThat(update.get("byline").asText()).isEqualTo("contributor");
    }

    /** A blog moved in from its Atom feed: readers see each entry at its first publication, credited to its author. */
    @Test
    void anImportedBlogKeepsItsTimesAndAuthors() {
        String tid = "moved-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(command("editor", "POST", "/api/timelines", "{\"id\":\"" + tid + "\",\"title\":\"Moved in\"}",
                null).status()).isEqualTo(201);
        Http.Response imported = http.sendBody("admin", "POST", stack.commandUrl() + "/api/timelines/" + tid
                + "/imports", "application/atom+xml", """
                <feed xmlns="http://www.w3.org/2005/Atom"><title>Old blog</title><id>urn:old</id>
                  <updated>2014-10-12T10:00:00Z</updated>
                  <entry><id>urn:old:1</id><title>Day one</title><published>2014-10-09T22:00:00Z</published>
                    <author><name>Emily Morgan</name></author><content type="html">&lt;p&gt;Polls closed.&lt;/p&gt;</content></entry>
                  <entry><id>urn:old:2</id><title>Day three</title><published>2014-10-12T09:30:00Z</published>
                    <author><name>John Smith</name></author><content>Recount ordered.</content></entry>
                </feed>""");
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);

        JsonNode page = awaitTimeline(tid, imported.json().get("sequence").asLong());
        assertThat(page.get("updates").findValues("headline")).extracting(JsonNode::asText)
                .containsExactly("Day three", "Day one");
        assertThat(page.get("updates").findValues("postedAt")).extracting(JsonNode::asText)
                .containsExactly("2014-10-12T09:30:00Z", "2014-10-09T22:00:00Z");
        assertThat(page.get("updates").findValues("byline")).extracting(JsonNode::asText)
                .containsExactly("John Smith", "Emily Morgan");
        // the reader page: times in the newsroom's zone (London), with the date where it is not the latest's day
        assertThat(http.get(stack.queryUrl() + "/timelines/" + tid).body())
                .contains(">10:30</time>", ">23:00, 9 October 2014</time>", "Emily Morgan");
    }

    /** A story covered from another country shows its times there, and moves when an editor changes its zone. */
    @Test
    void aTimelineShowsTimesInItsOwnZone() {
        String tid = "zone-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(command("editor", "POST", "/api/timelines", "{\"id\":\"" + tid + "\",\"title\":\"Moved in\","
                + "\"timeZone\":\"America/New_York\"}", null).status()).isEqualTo(201);
        assertThat(command("editor", "POST", "/api/timelines", "{\"title\":\"Nowhere\",\"timeZone\":\"Mars/Olympus\"}",
                null).json().get("field").asText()).isEqualTo("timeZone");
        Http.Response imported = http.sendBody("admin", "POST", stack.commandUrl() + "/api/timelines/" + tid
                + "/imports", "application/atom+xml", """
                <feed xmlns="http://www.w3.org/2005/Atom"><title>Old blog</title><id>urn:zone</id>
                  <updated>2014-10-10T03:00:00Z</updated>
                  <entry><id>urn:zone:1</id><title>Late call</title><published>2014-10-10T02:30:00Z</published>
                    <author><name>Emily Morgan</name></author><content>Too close to call.</content></entry>
                  <entry><id>urn:zone:2</id><title>Declared</title><published>2014-10-10T13:00:00Z</published>
                    <author><name>Emily Morgan</name></author><content>Declared.</content></entry>
                </feed>""");
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);

        assertThat(awaitTimeline(tid, imported.json().get("sequence").asLong()).get("timeZone").asText())
                .isEqualTo("America/New_York");
        // 02:30 UTC on the 10th is 22:30 on the 9th in New York: another day than the latest (09:00 on the 10th)
        assertThat(http.get(stack.queryUrl() + "/timelines/" + tid).body())
                .contains(">09:00</time>", ">22:30, 9 October 2014</time>", "(times in Eastern Time)");

        Http.Response moved = command("editor", "PUT", "/api/timelines/" + tid,
                "{\"title\":\"Moved in\",\"timeZone\":\"Europe/London\"}", null);
        assertThat(moved.status()).isEqualTo(200);
        awaitTimeline(tid, moved.json().get("sequence").asLong());
        assertThat(http.get(stack.queryUrl() + "/timelines/" + tid).body())
                .contains(">14:00</time>", ">03:30</time>", "(times in British Time)");
    }

    private String post(String tid, String headline, String text) {
        Http.Response posted = command("editor", "POST", "/api/timelines/" + tid + "/updates",
                "{\"headline\":\"" + headline + "\",\"blocks\":[{\"type\":\"paragraph\",\"text\":\"" + text + "\"}]}",
                null);
        assertThat(posted.status()).as(posted.body()).isEqualTo(201);
        assertThat(posted.header("ETag")).isEqualTo("\"1\"");
        return posted.json().get("updateId").asText();
    }

    private Http.Response command(String user, String method, String path, String json, String ifMatch) {
        return http.send(user, method, stack.commandUrl() + path, json, ifMatch);
    }

    private JsonNode awaitTimeline(String tid, long sequence) {
        return await().atMost(Duration.ofSeconds(60)).until(
                () -> http.get(stack.queryUrl() + "/api/timelines/" + tid),
                response -> response.status() == 200 && response.json().get("lastSequence").asLong() >= sequence)
                .json();
    }

    private static List<String> ids(JsonNode page) {
        return page.get("updates").findValues("id").stream().map(JsonNode::asText).toList();
    }
}
