package news.timeline.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import news.timeline.query.timeline.FirstPages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What readers get besides the JSON page: the live stream, the feed, the HTML page, caching, read-your-writes.
 * With a pool of two connections, far fewer than the readers served at once: no request may need two at a time.
 */
@QueryServiceTest
@TestPropertySource(properties = {
        "spring.datasource.hikari.maximum-pool-size=2",
        "spring.datasource.hikari.connection-timeout=2000"})
class ReaderChannelsTest {

    @RegisterExtension
    static final TestTopic TOPIC = new TestTopic("reader-channels");

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    FirstPages firstPages;
    @Autowired
    MeterRegistry meters;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        TOPIC.register(registry);
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void readersWhoStopReadingHoldUpNobodyAndAreDropped() throws Exception {
        String tid = "t-" + UUID.randomUUID();
        TimelineEvents events = postedOne(tid);
        Counter dropped = meters.counter("timeline.live.readers.dropped");
        double droppedBefore = dropped.count();
        // more stalled readers than sender threads: with blocking writes each would hold one for good
        List<Socket> stalled = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            stalled.add(stalledReader(tid));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> meters.get("timeline.live.readers").gauge().value() >= 3);
        AtomicInteger received = new AtomicInteger();
        CompletableFuture<List<String>> reader = readStreamAsync(tid, "0", 581, received::set);
        await().atMost(Duration.ofSeconds(10)).until(() -> received.get() == 1);

        // 12 MB: more than every stalled socket's buffers hold
        String large = "x".repeat(200_000);
        for (int i = 2; i <= 61; i++) {
            events.post("u" + i, "Large " + i, large);
        }
        sendInSteps(events, 2, 61);
        await().atMost(Duration.ofSeconds(20)).until(() -> received.get() == 61);
        assertThat(dropped.count()).as("stalled, not yet dropped").isEqualTo(droppedBefore);

        // then more events than a reader's queue holds (500)
        for (int i = 62; i <= 581; i++) {
            events.post("u" + i, "Small " + i, "text " + i);
        }
        sendInSteps(events, 62, 581);
        assertThat(reader.get(20, TimeUnit.SECONDS))
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 581).mapToObj(i -> "posted " + i).toList());
        await().atMost(Duration.ofSeconds(10)).until(() -> dropped.count() - droppedBefore >= 3);
        for (Socket socket : stalled) {
            assertThat(cutOff(socket)).as("a dropped reader's connection is closed").isTrue();
        }
    }

    /** A timeline with one update, projected. */
    private TimelineEvents postedOne(String tid) {
        TimelineEvents events = new TimelineEvents(tid).post("u1", "One", "one");
        TOPIC.send(events.all());
        awaitSequence(tid, 1);
        return events;
    }

    /** Sends events {@code from} to {@code to} 20 at a time, each step applied before the next: a burst longer
     *  than a reader's queue would drop a reader who keeps up, too. */
    private void sendInSteps(TimelineEvents events, int from, int to) {
        for (int first = from; first <= to; first += 20) {
            int last = Math.min(first + 19, to);
            TOPIC.send(events.all().subList(first, last + 1));
            awaitSequence(events.all().get(0).timelineId(), last);
        }
    }

    /** Asks for a stream and never reads it, with a receive buffer as small as the system allows. */
    private Socket stalledReader(String tid) throws Exception {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(1024);
        socket.connect(new InetSocketAddress("localhost", port));
        socket.getOutputStream().write(("GET /api/timelines/" + tid + "/stream HTTP/1.1\r\nHost: localhost\r\n"
                + "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    /** Reads what the server still sent until the connection ends: true if it ends, by a close or a reset. */
    private static boolean cutOff(Socket socket) throws Exception {
        socket.setSoTimeout(10_000);
        byte[] buffer = new byte[64 * 1024];
        try (socket; InputStream in = socket.getInputStream()) {
            while (in.read(buffer) >= 0) {
                // skip what was sent before the cut
            }
            return true;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (SocketException reset) {
            return true;
        }
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void readersCatchUpFromMemoryWithWhatTheDatabaseWouldGiveThem() throws Exception {
        String tid = "t-" + UUID.randomUUID();
        TimelineEvents events = postedOne(tid);
        assertThat(readStream(tid, null, 1, count -> { })).containsExactly("posted 1");
        // kept from here on, for the timeline has had a reader; then pinned, retracted, corrected, pinned elsewhere
        events.post("u2", "Two", "words to be retracted").post("u3", "Three", "before the correction");
        TOPIC.send(events.all().subList(2, 4));
        awaitSequence(tid, 3);
        TOPIC.send(events.pin("u1").all().subList(4, 5));
        awaitSequence(tid, 4);
        events.retract("u2", 2, "legal", "Removed on legal advice")
                .correct("u3", 2, "Three", "after the correction", "spelling").pin("u3");
        TOPIC.send(events.all().subList(5, 8));
        awaitSequence(tid, 7);

        URI service = URI.create(url("/"));
        double fromMemory = catchUps("memory");
        double fromDatabase = catchUps("database");
        List<EventStreams.Received> kept = EventStreams.read(http, service, tid, "1", 6, count -> { });
        List<EventStreams.Received> stored = EventStreams.read(http, service, tid, "0", 7, count -> { });

        assertThat(catchUps("memory") - fromMemory).isEqualTo(1);
        assertThat(catchUps("database") - fromDatabase).isEqualTo(1);
        assertThat(kept).containsExactlyElementsOf(stored.subList(1, 7));
        assertThat(kept).extracting(EventStreams.Received::event)
                .containsExactly("posted 2", "posted 3", "pinned 4", "retracted 5", "edited 6", "pinned 7");
        assertThat(kept.toString()).doesNotContain("words to be retracted", "before the correction")
                .contains("after the correction", "Removed on legal advice");
        assertThat(kept.get(1).data()).contains("\"pinned\":true");
        assertThat(kept.get(2).data()).contains("\"pinned\":false");
    }

    private double catchUps(String from) {
        return meters.counter("timeline.live.catch-ups", "from", from).count();
    }

    /**
     * A story nobody has read on this instance yet (it just started, or the story has been quiet): its new readers
     * missed nothing, and none of them may queue for the database to learn so.
     */
    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void newReadersOfAStoryNobodyReadYetNeedNoCatchUpFromTheDatabase() throws Exception {
        String tid = "t-" + UUID.randomUUID();
        TimelineEvents events = postedOne(tid).post("u2", "Two", "two").post("u3", "Three", "three");
        TOPIC.send(events.all().subList(2, 4));
        awaitSequence(tid, 3);
        double fromMemory = catchUps("memory");
        double fromDatabase = catchUps("database");

        // as a page rendered at the story's last sequence opens its stream
        List<CompletableFuture<List<String>>> readers = IntStream.range(0, 3)
                .mapToObj(reader -> readStreamAsync(tid, "3", 1, count -> { }))
                .toList();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> catchUps("memory") + catchUps("database") - fromMemory - fromDatabase >= 3);
        TOPIC.send(events.post("u4", "Four", "four").all().subList(4, 5));

        for (CompletableFuture<List<String>> reader : readers) {
            assertThat(reader.get(30, TimeUnit.SECONDS)).containsExactly("posted 4");
        }
        assertThat(catchUps("database") - fromDatabase).isZero();
        assertThat(catchUps("memory") - fromMemory).isEqualTo(3);
    }

    /** Readers dropped together must not all come back in the same instant: each is told its own wait. */
    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void eachStreamTellsItsBrowserToWaitItsOwnTimeBeforeReconnecting() throws Exception {
        String tid = "t-" + UUID.randomUUID();
        postedOne(tid);
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            HttpResponse<InputStream> stream = http.send(request("/api/timelines/" + tid + "/stream", null),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                String first = lines.readLine();
                assertThat(first).startsWith("retry: ");
                waits.add(Long.parseLong(first.substring(7)));
            }
        }
        assertThat(waits).allSatisfy(wait -> assertThat(wait).isBetween(2000L, 4000L));
        assertThat(new HashSet<>(waits)).hasSizeGreaterThan(1);
    }

    /** After a deploy or a network blip, readers reconnect all at once and each catches up from the database. */
    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void readersReconnectingTogetherAllGetWhatTheyMissed() throws Exception {
        String tid = "t-" + UUID.randomUUID();
        TimelineEvents events = new TimelineEvents(tid);
        for (int i = 1; i <= 40; i++) {
            events.post("u" + i, "Update " + i, "text " + i);
        }
        TOPIC.send(events.all());
        awaitSequence(tid, 40);

        List<CompletableFuture<List<String>>> readers = IntStream.range(0, 8)
                .mapToObj(reader -> readStreamAsync(tid, "1", 39, count -> { }))
                .toList();

        List<String> missed = IntStream.rangeClosed(2, 40).mapToObj(sequence -> "posted " + sequence).toList();
        for (CompletableFuture<List<String>> reader : readers) {
            assertThat(reader.get(30, TimeUnit.SECONDS)).containsExactlyElementsOf(missed);
        }
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aReconnectWithLastEventIdGetsExactlyTheMissedEventsInOrder() throws Exception {
        String tid = "t-" + UUID.randomUUID();
        TimelineEvents events = postedOne(tid);
        List<String> firstSession = readStream(tid, null, 1, count -> { });
        assertThat(firstSession).containsExactly("posted 1");

        for (int i = 2; i <= 6; i++) {
            events.post("u" + i, "Update " + i, "text " + i);
        }
        TOPIC.send(events.all().subList(2, 7));
        awaitSequence(tid, 6);

        List<String> resumed = readStream(tid, "1", 6, count -> {
            if (count == 5) {
                TOPIC.send(events.correct("u6", 2, "Update 6", "text 6, corrected", "fixed").all().subList(7, 8));
            }
        });
        assertThat(resumed).containsExactly("posted 2", "posted 3", "posted 4", "posted 5", "posted 6", "edited 7");
    }

    @Test
    void theFeedCarriesTombstonesAndNeverTheRetractedText() throws Exception {
        String tid = "t-" + UUID.randomUUID();
        TOPIC.send(new TimelineEvents(tid)
                .post("u1", "Kept", "Still standing")
                .post("u2", "Withdrawn headline", "Withdrawn words")
                .correct("u1", 2, "Kept", "Still standing, corrected", "fixed")
                .retract("u2", 2, "Legal advice", "This update was withdrawn.")
                .all());
        awaitSequence(tid, 4);

        HttpResponse<String> feed = get("/timelines/" + tid + "/feed.atom", null);

        assertThat(feed.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/atom+xml"));
        assertThat(feed.body()).contains("<at:deleted-entry ref=\"urn:news-timeline:update:" + tid + ":u2\"")
                .contains("<at:comment>This update was withdrawn.</at:comment>")
                .contains("Still standing, corrected")
                .doesNotContain("Withdrawn words").doesNotContain("Withdrawn headline").doesNotContain("Legal advice");
        assertThat(feed.body()).containsPattern("<published>2014-10-10T08:02:00Z</published>"
                + "<updated>2014-10-10T08:04:00Z</updated>");
    }

    @Test
    void anUnchangedPageIsNotModifiedAndAnEventChangesItsEntityTag() throws Exception {
        String tid = "t-" + UUID.randomUUID();
        TimelineEvents events = postedOne(tid);

        for (String path : List.of("/api/timelines/" + tid, "/timelines/" + tid, "/timelines/" + tid + "/feed.atom")) {
            HttpResponse<String> first = get(path, null);
            String etag = first.headers().firstValue("ETag").orElseThrow();
            assertThat(first.headers().firstValue("Cache-Control").orElseThrow()).contains("max-age");
            assertThat(get(path, etag).statusCode()).as(path).isEqualTo(304);
        }
        String before = get("/api/timelines/" + tid, null).headers().firstValue("ETag").orElseThrow();
        FirstPages.Cached cached = firstPages.get(tid).orElseThrow();
        assertThat(firstPages.get(tid).orElseThrow()).as("served from memory").isSameAs(cached);

        TOPIC.send(events.post("u2", "Two", "two").all().subList(2, 3));
        awaitSequence(tid, 2);

        HttpResponse<String> after = get("/api/timelines/" + tid, before);
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.headers().firstValue("ETag").orElseThrow()).isNotEqualTo(before);
        assertThat(json.readTree(after.body()).get("updates")).hasSize(2);
    }

    @Test
    void headAnswersAsGetDoesWithoutTheBodyAndPagesSayTheirLanguageAsATag() throws Exception {
        String tid = "t-" + UUID.randomUUID();
        postedOne(tid);

        for (String path : List.of("/api/timelines/" + tid, "/api/timelines/" + tid + "/updates/u1",
                "/timelines/" + tid, "/timelines/" + tid + "/feed.atom")) {
            HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create(url(path)))
                    .header("Accept-Language", "de-DE").build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> head = http.send(HttpRequest.newBuilder(URI.create(url(path)))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(head.statusCode()).as("HEAD " + path).isEqualTo(get.statusCode()).isEqualTo(200);
            assertThat(head.body()).isEmpty();
            assertThat(head.headers().firstValue("ETag")).isEqualTo(get.headers().firstValue("ETag"));
            assertThat(head.headers().firstValue("Content-Type")).isEqualTo(get.headers().firstValue("Content-Type"));
        }
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(url("/timelines/" + tid)))
                .header("Accept-Language", "de-DE").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.headers().allValues("Content-Language")).containsExactly("en");
    }

    @Test
    void aFreshFirstPageIsAnsweredFromMemoryAheadOfTheServletStackWithTheSameHeaders() throws Exception {
        String tid = "t-" + UUID.randomUUID();
        TOPIC.send(new TimelineEvents(tid).post("u1", "One", "one").all());
        awaitSequence(tid, 1);
        HttpResponse<String> loaded = get("/api/timelines/" + tid, null);
        double servletRequests = servletRequests();

        HttpResponse<String> fromMemory = get("/api/timelines/" + tid, null);
        HttpResponse<String> notModified = get("/api/timelines/" + tid, fromMemory.headers().firstValue("ETag").get());
        http.send(HttpRequest.newBuilder(URI.create(url("/api/timelines/" + tid))).header("Origin", "https://elsewhere.example")
                .build(), HttpResponse.BodyHandlers.discarding());

        // only the cross-origin request, which needs the CORS headers, went through the servlets
        await().atMost(Duration.ofSeconds(10)).until(() -> servletRequests() >= servletRequests + 1);
        assertThat(servletRequests()).isEqualTo(servletRequests + 1);
        assertThat(fromMemory.body()).isEqualTo(loaded.body());
        assertThat(notModified.statusCode()).isEqualTo(304);
        for (String header : List.of("ETag", "Cache-Control", "Timeline-Sequence", "X-Content-Type-Options", "Vary")) {
            assertThat(fromMemory.headers().allValues(header)).as(header)
                    .isEqualTo(loaded.headers().allValues(header));
        }
        assertThat(fromMemory.headers().allValues("Vary")).contains("Origin");
    }

    private double servletRequests() {
        return meters.find("http.server.requests").timers().stream().mapToDouble(timer -> timer.count()).sum();
    }

    @Test
    void aReadWithMinSequenceWaitsForTheProjectionToHaveIt() throws Exception {
        String tid = "t-" + UUID.randomUUID();
        TimelineEvents events = postedOne(tid);
        events.post("u2", "Two", "two");

        CompletableFuture<HttpResponse<String>> read = http.sendAsync(request("/api/timelines/" + tid + "?minSequence=2", null),
                HttpResponse.BodyHandlers.ofString());
        TOPIC.send(events.all().subList(2, 3));

        JsonNode page = json.readTree(read.get().body());
        assertThat(page.get("lastSequence").asLong()).isEqualTo(2);
        assertThat(page.get("updates").findValues("id")).extracting(JsonNode::asText).containsExactly("u2", "u1");
        assertThat(read.get().headers().firstValue("Cache-Control").orElseThrow()).contains("private");
    }

    /** Among thousands: found by what their title, summary or id holds, a page at a time by the next link. */
    @Test
    void theListOfTimelinesIsSearchedAndPagedByItsNextLink() throws Exception {
        String marker = "find" + UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(marker + "-" + i);
            TOPIC.send(new TimelineEvents(ids.get(i)).all());
            awaitSequence(ids.get(i), 0);
        }

        List<String> found = new ArrayList<>();
        String next = "/api/timelines?limit=2&q=" + marker.toUpperCase(Locale.ROOT);
        for (int pages = 0; next != null; pages++) {
            assertThat(pages).as("pages of 2 for 5").isLessThan(3);
            HttpResponse<String> page = get(next, null);
            assertThat(page.statusCode()).isEqualTo(200);
            json.readTree(page.body()).findValues("id").forEach(id -> found.add(id.asText()));
            next = page.headers().firstValue("Link").map(link -> link.replaceAll("^<([^>]+)>; rel=\"next\"$", "$1"))
                    .orElse(null);
        }
        // changed at the same instant (the test's events): then by id, so that no page repeats or skips one
        assertThat(found).as("each once, in the list's order").isEqualTo(ids);
        assertThat(json.readTree(get("/api/timelines?q=" + marker + "%25", null).body())).isEmpty();
        assertThat(get("/api/timelines?after=nonsense", null).statusCode()).isEqualTo(400);
    }

    @Test
    void anyPageMayReadTheTimelinesAndTheirUpdatesAcrossOrigins() throws Exception {
        String tid = "t-" + UUID.randomUUID();
        TOPIC.send(new TimelineEvents(tid).post("u1", "One", "one").all());
        awaitSequence(tid, 1);

        JsonNode timelines = json.readTree(get("/api/timelines", null).body());
        assertThat(timelines.findValues("id")).extracting(JsonNode::asText).contains(tid);
        for (String path : List.of("/api/timelines", "/api/timelines/" + tid, "/api/timelines/" + tid + "/updates/u1")) {
            HttpResponse<String> read = http.send(HttpRequest.newBuilder(URI.create(url(path)))
                    .header("Origin", "http://desk.example:8081").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(read.headers().firstValue("Access-Control-Allow-Origin")).as(path).hasValue("*");
            assertThat(read.headers().firstValue("Access-Control-Expose-Headers").orElseThrow()).contains("ETag");
        }
        HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(URI.create(url("/api/timelines/" + tid)))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://desk.example:8081")
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "if-none-match").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElseThrow()).contains("GET");
        HttpResponse<String> write = http.send(HttpRequest.newBuilder(URI.create(url("/api/timelines/" + tid)))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://desk.example:8081")
                .header("Access-Control-Request-Method", "DELETE").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(write.statusCode()).isEqualTo(403);
    }

    @Test
    void thePageEscapesWhatEditorsWrote() throws Exception {
        String tid = "t-" + UUID.randomUUID();
        TOPIC.send(new TimelineEvents(tid)
                .post("u1", "<script>alert('headline')</script>", "<img src=x onerror=alert(1)>")
                .all());
        awaitSequence(tid, 1);

        String page = get("/timelines/" + tid, null).body();

        assertThat(page).doesNotContain("<script>alert").doesNotContain("<img src=x")
                .contains("&lt;script&gt;alert(&#39;headline&#39;)&lt;/script&gt;")
                .contains("&lt;img src=x onerror=alert(1)&gt;");
        String jsonLd = page.substring(page.indexOf("application/ld+json"), page.indexOf("</script>"));
        assertThat(jsonLd).doesNotContain("<script>").contains("\\u003cscript\\u003e");
        assertThat(jsonLd).contains("\"@type\":\"LiveBlogPosting\"", "\"liveBlogUpdate\"", "\"datePublished\"",
                "\"dateModified\"", "\"coverageStartTime\"");
    }

    /** The events read, as {@code "<event> <id>"}. */
    private List<String> readStream(String tid, String lastEventId, int total, IntConsumer afterEach)
            throws Exception {
        return EventStreams.read(http, URI.create(url("/")), tid, lastEventId, total, afterEach).stream()
                .map(EventStreams.Received::event).toList();
    }

    private CompletableFuture<List<String>> readStreamAsync(String tid, String lastEventId, int total,
                                                            IntConsumer afterEach) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return readStream(tid, lastEventId, total, afterEach);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private HttpResponse<String> get(String path, String ifNoneMatch) throws Exception {
        return http.send(request(path, ifNoneMatch), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String path, String ifNoneMatch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)));
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return request.build();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private void awaitSequence(String tid, long sequence) {
        await().atMost(Duration.ofSeconds(30)).until(() -> TestTopic.lastSequence(jdbc, tid) >= sequence);
    }
}
