package news.timeline.command.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import news.timeline.command.CommandServiceTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

/**
 * Every kind of bad request an editor's client (or an attacker with an editor's password) can send: malformed,
 * oversized, wrong types, unknown fields, hostile markup where a URL belongs, odd Unicode. Each gets its 4xx as
 * problem+json, naming the field where there is one, and the event store stays as it was.
 */
@CommandServiceTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputCorpusTest {

    private static final String TIMELINES = "/api/timelines";
    private static final String UPDATES = "/api/timelines/{tid}/updates";
    private static final String UPDATE = "/api/timelines/{tid}/updates/{uid}";
    private static final String TEXT = "{\"type\":\"paragraph\",\"text\":\"A line\"}";

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    private final ObjectMapper json = new ObjectMapper();
    private String tid;
    private String uid;

    record BadRequest(String name, HttpMethod method, String path, byte[] body, String contentType, String ifMatch,
                      int status, String field) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<BadRequest> corpus() {
        return Stream.of(
                // malformed
                post("not JSON", "{not json", 400, null),
                post("an empty body", "", 400, null),
                post("a truncated object", "{\"headline\":\"h\",\"blocks\":[" + TEXT, 400, null),
                post("an array instead of an object", "[]", 400, null),
                post("JSON null", "null", 400, null),
                post("a second document after the first", "{\"headline\":\"h\"} {\"headline\":\"i\"}", 400, null),
                post("nesting ten thousand deep", "{\"headline\":\"h\",\"blocks\":" + "[".repeat(10_000)
                        + "]".repeat(10_000) + "}", 400, null),
                new BadRequest("bytes that are not UTF-8", POST, UPDATES,
                        concat("{\"headline\":\"caf", new byte[]{(byte) 0xC3, (byte) 0x28}, "\"}"),
                        MediaType.APPLICATION_JSON_VALUE, null, 400, null),
                new BadRequest("plain text", POST, UPDATES, utf8("headline: h"), MediaType.TEXT_PLAIN_VALUE, null,
                        415, null),
                // wrong types
                post("a number for the headline", "{\"headline\":42}", 400, "headline"),
                post("a boolean for the headline", "{\"headline\":true}", 400, "headline"),
                post("a list for the headline", "{\"headline\":[\"h\"]}", 400, "headline"),
                post("a string for keyEvent", "{\"headline\":\"h\",\"keyEvent\":\"true\"}", 400, "keyEvent"),
                post("a number for keyEvent", "{\"headline\":\"h\",\"keyEvent\":1}", 400, "keyEvent"),
                post("an object for blocks", "{\"headline\":\"h\",\"blocks\":{}}", 400, "blocks"),
                post("a string as a block", "{\"headline\":\"h\",\"blocks\":[\"text\"]}", 400, "blocks[0]"),
                post("a block of no known type", "{\"headline\":\"h\",\"blocks\":[{\"type\":\"video\",\"url\":"
                        + "\"https://v.example/1\"}]}", 400, "blocks[0]"),
                post("a block without a type", "{\"headline\":\"h\",\"blocks\":[{\"text\":\"t\"}]}", 400, "blocks[0]"),
                new BadRequest("a string for the pinned update", PUT, "/api/timelines/{tid}/pin",
                        utf8("{\"updateId\":[\"u\"]}"), MediaType.APPLICATION_JSON_VALUE, null, 400, "updateId"),
                // unknown fields: nothing a request says can set the actor, a revision, a sequence or a status
                post("an actor", "{\"headline\":\"h\",\"actor\":\"someone-else\"}", 400, "actor"),
                post("a revision", "{\"headline\":\"h\",\"revision\":7}", 400, "revision"),
                post("a sequence", "{\"headline\":\"h\",\"sequence\":0}", 400, "sequence"),
                post("an event handler on a block", "{\"headline\":\"h\",\"blocks\":[{\"type\":\"paragraph\","
                        + "\"text\":\"t\",\"onclick\":\"alert(1)\"}]}", 400, "blocks[0].onclick"),
                post("the same field twice", "{\"headline\":\"h\",\"headline\":\"i\"}", 400, "headline"),
                new BadRequest("a status on a new timeline", POST, TIMELINES,
                        utf8("{\"title\":\"t\",\"status\":\"CLOSED\"}"), MediaType.APPLICATION_JSON_VALUE, null,
                        400, "status"),
                new BadRequest("a reviewer on a change", PUT, UPDATE, utf8("{\"headline\":\"h\",\"change\":{"
                        + "\"kind\":\"TYPO\",\"approvedBy\":\"chief\"}}"), MediaType.APPLICATION_JSON_VALUE, "\"1\"",
                        400, "change.approvedBy"),
                // oversized
                post("a headline of 201 characters", "{\"headline\":\"" + "h".repeat(201) + "\"}", 400, "headline"),
                post("51 blocks", "{\"headline\":\"h\",\"blocks\":[" + String.join(",", java.util.Collections
                        .nCopies(51, TEXT)) + "]}", 400, "blocks"),
                post("a block of 10,001 characters", "{\"headline\":\"h\",\"blocks\":[{\"type\":\"paragraph\","
                        + "\"text\":\"" + "t".repeat(10_001) + "\"}]}", 400, "blocks[0].text"),
                post("a caption of 1,001 characters", "{\"headline\":\"h\",\"blocks\":[{\"type\":\"image\","
                        + "\"url\":\"https://img.example/a.jpg\",\"caption\":\"" + "c".repeat(1_001) + "\"}]}",
                        400, "blocks[0].caption"),
                post("a body over 64 KB", "{\"headline\":\"h\",\"blocks\":[{\"type\":\"paragraph\",\"text\":\""
                        + "x".repeat(70_000) + "\"}]}", 413, null),
                new BadRequest("a title of 201 characters", POST, TIMELINES, utf8("{\"title\":\"" + "t".repeat(201)
                        + "\"}"), MediaType.APPLICATION_JSON_VALUE, null, 400, "title"),
                // hostile markup where a URL belongs (markup in text is kept as text and escaped when shown)
                image("a javascript: URL", "javascript:alert(document.cookie)"),
                image("a javascript: URL in mixed case", "JaVaScRiPt:alert(1)"),
                image("a data: URL holding a page", "data:text/html,<script>alert(1)</script>"),
                image("a URL that breaks out of its attribute", "https://img.example/a.jpg\" onerror=\"alert(1)"),
                image("a protocol-relative URL", "//evil.example/a.jpg"),
                image("a URL after a space", " https://img.example/a.jpg"),
                post("an embed of a file: URL", "{\"headline\":\"h\",\"blocks\":[{\"type\":\"embed\","
                        + "\"url\":\"file:///etc/passwd\"}]}", 400, "blocks[0].url"),
                // odd Unicode
                post("a NUL character", "{\"headline\":\"h\\u0000idden\"}", 400, "headline"),
                post("a terminal escape sequence", "{\"headline\":\"\\u001b[31mred\\u001b[0m\"}", 400, "headline"),
                post("a right-to-left override", "{\"headline\":\"Minister \\u202Esngiser\\u202C\"}", 400, "headline"),
                post("an unpaired surrogate", "{\"headline\":\"h\",\"blocks\":[{\"type\":\"paragraph\","
                        + "\"text\":\"half \\uD83D a smile\"}]}", 400, "blocks[0].text"),
                post("a noncharacter", "{\"headline\":\"\\uFFFE\"}", 400, "headline"),
                post("a headline of only spaces", "{\"headline\":\" \\u00A0 \"}", 400, "headline"),
                // revisions and references
                new BadRequest("an edit without If-Match", PUT, UPDATE, utf8(correction()),
                        MediaType.APPLICATION_JSON_VALUE, null, 428, null),
                new BadRequest("an If-Match that is not a revision", PUT, UPDATE, utf8(correction()),
                        MediaType.APPLICATION_JSON_VALUE, "\"banana\"", 400, null),
                new BadRequest("an If-Match of a revision not yet made", PUT, UPDATE, utf8(correction()),
                        MediaType.APPLICATION_JSON_VALUE, "\"7\"", 412, null),
                new BadRequest("a change of no known kind", PUT, UPDATE, utf8("{\"headline\":\"h\",\"change\":{"
                        + "\"kind\":\"REWRITE\"}}"), MediaType.APPLICATION_JSON_VALUE, "\"1\"", 400, "change.kind"),
                new BadRequest("a correction without a note", PUT, UPDATE, utf8("{\"headline\":\"h\",\"change\":{"
                        + "\"kind\":\"CORRECTION\"}}"), MediaType.APPLICATION_JSON_VALUE, "\"1\"", 400,
                        "change.note"),
                new BadRequest("a retraction without a reason", POST, UPDATE + "/retraction",
                        utf8("{\"publicNote\":\"Withdrawn.\"}"), MediaType.APPLICATION_JSON_VALUE, "\"1\"", 400,
                        "reason"),
                new BadRequest("an edit of an unknown update", PUT, UPDATES + "/no-such-update", utf8(correction()),
                        MediaType.APPLICATION_JSON_VALUE, "\"1\"", 404, null),
                new BadRequest("a pin of an unknown update", PUT, "/api/timelines/{tid}/pin",
                        utf8("{\"updateId\":\"no-such-update\"}"), MediaType.APPLICATION_JSON_VALUE, null, 404, null),
                new BadRequest("a post to an unknown timeline", POST, "/api/timelines/no-such-timeline/updates",
                        utf8("{\"headline\":\"h\"}"), MediaType.APPLICATION_JSON_VALUE, null, 404, null),
                new BadRequest("a status of no known kind", PUT, "/api/timelines/{tid}/status",
                        utf8("{\"status\":\"ENDED\"}"), MediaType.APPLICATION_JSON_VALUE, null, 400, "status"),
                new BadRequest("a timeline id that is taken", POST, TIMELINES,
                        utf8("{\"id\":\"{tid}\",\"title\":\"again\"}"), MediaType.APPLICATION_JSON_VALUE, null,
                        409, null),
                new BadRequest("a timeline id that is not an id", POST, TIMELINES,
                        utf8("{\"id\":\"Not An Id!\",\"title\":\"t\"}"), MediaType.APPLICATION_JSON_VALUE, null,
                        400, "id"));
    }

    @BeforeAll
    void aTimelineWithOneUpdate() throws Exception {
        tid = "t-" + UUID.randomUUID();
        assertThat(send(new BadRequest("open", POST, TIMELINES, utf8("{\"id\":\"" + tid + "\",\"title\":\"Ukip\"}"),
                MediaType.APPLICATION_JSON_VALUE, null, 201, null)).getStatusCode().value()).isEqualTo(201);
        ResponseEntity<String> posted = send(new BadRequest("post", POST, UPDATES,
                utf8("{\"headline\":\"Carwswell arrives\",\"blocks\":[" + TEXT + "]}"),
                MediaType.APPLICATION_JSON_VALUE, null, 201, null));
        uid = json.readTree(posted.getBody()).get("updateId").asText();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void isRefusedWithAProblemAndChangesNothing(BadRequest bad) throws Exception {
        long events = count("domain_event_entry");

        ResponseEntity<String> response = send(bad);

        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(bad.status());
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode problem = json.readTree(response.getBody());
        assertThat(problem.path("status").asInt()).isEqualTo(bad.status());
        assertThat(problem.path("title").asText()).isNotBlank();
        problem.fields().forEachRemaining(member ->
                assertThat(member.getValue().isNull()).as("a null member %s", member.getKey()).isFalse());
        if (bad.field() != null) {
            assertThat(problem.path("field").asText()).isEqualTo(bad.field());
        }
        assertThat(count("domain_event_entry")).isEqualTo(events);
    }

    private ResponseEntity<String> send(BadRequest request) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.CONTENT_TYPE, request.contentType());
        if (request.ifMatch() != null) {
            headers.setIfMatch(request.ifMatch());
        }
        String path = request.path().replace("{tid}", String.valueOf(tid)).replace("{uid}", String.valueOf(uid));
        byte[] body = new String(request.body(), StandardCharsets.ISO_8859_1)
                .replace("{tid}", String.valueOf(tid)).replace("{uid}", String.valueOf(uid))
                .getBytes(StandardCharsets.ISO_8859_1);
        return http.withBasicAuth("editor", "editor")
                .exchange(path, request.method(), new HttpEntity<>(body, headers), String.class);
    }

    private long count(String table) {
        return jdbc.queryForObject("select count(*) from " + table, Long.class);
    }

    private static BadRequest post(String name, String body, int status, String field) {
        return new BadRequest(name, POST, UPDATES, utf8(body), MediaType.APPLICATION_JSON_VALUE, null, status, field);
    }

    private static BadRequest image(String name, String url) {
        String body = "{\"headline\":\"h\",\"blocks\":[{\"type\":\"image\",\"url\":" + quoted(url)
                + ",\"caption\":\"c\",\"credit\":\"c\",\"alt\":\"a\"}]}";
        return post(name, body, 400, "blocks[0].url");
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String correction() {
        return "{\"headline\":\"Carswell arrives\",\"change\":{\"kind\":\"TYPO\"}}";
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(String before, byte[] middle, String after) {
        byte[] head = utf8(before);
        byte[] tail = utf8(after);
        byte[] all = new byte[head.length + middle.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(middle, 0, all, head.length, middle.length);
        System.arraycopy(tail, 0, all, head.length + middle.length, tail.length);
        return all;
    }
}
