package news.timeline.system;

import news.timeline.embedded.EmbeddedStack;
import news.timeline.embedded.StackOptions;
import news.timeline.kafka.SharedKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every endpoint of both services, as each kind of user: anonymous reader, editor, contributor, auditor, admin, legal
 * officer. A
 * command that
 * may succeed runs against a timeline of its own, so that each cell of the matrix answers for itself alone.
 */
class AuthorizationMatrixTest {

    private static final String COMMAND = "command";
    private static final String QUERY = "query";
    private static final Http HTTP = new Http();
    private static final String ERASURE = "{\"reason\":\"A witness\",\"legalReference\":\"QB-1\","
            + "\"publicNote\":\"Removed for legal reasons.\"}";
    private static EmbeddedStack stack;
    private static Fixture published;

    enum Who {
        ANONYMOUS(null), EDITOR("editor"), CONTRIBUTOR("contributor"), AUDITOR("auditor"), ADMIN("admin"),
        LEGAL("legal");

        final String user;

        Who(String user) {
            this.user = user;
        }
    }

    /** Expected statuses for anonymous, editor, contributor, auditor, admin and legal officer, in that order. */
    record Endpoint(String service, String method, String path, String body, String ifMatch, boolean pinned,
                    int... expected) {

        int expectedFor(Who who) {
            return expected[who.ordinal()];
        }
    }

    record Fixture(String tid, String uid, String did, String eid) {
    }

    static Stream<Arguments> matrix() {
        String content = "{\"headline\":\"Polls close\",\"blocks\":[{\"type\":\"paragraph\",\"text\":\"Counting\"}]}";
        List<Endpoint> endpoints = List.of(
                // the editors' service
                new Endpoint(COMMAND, "POST", "/api/timelines", "{\"id\":\"{new}\",\"title\":\"Night\"}", null, false,
                        editors(201)),
                new Endpoint(COMMAND, "PUT", "/api/timelines/{tid}", "{\"title\":\"Retitled\"}", null, false,
                        editors(200)),
                new Endpoint(COMMAND, "PUT", "/api/timelines/{tid}/status", "{\"status\":\"CLOSED\"}", null, false,
                        editors(200)),
                new Endpoint(COMMAND, "POST", "/api/timelines/{tid}/updates", content, null, false, editors(201)),
                new Endpoint(COMMAND, "PUT", "/api/timelines/{tid}/updates/{uid}",
                        content.replace("}]}", "}],\"change\":{\"kind\":\"TYPO\"}}"), "\"1\"", false, editors(200)),
                new Endpoint(COMMAND, "POST", "/api/timelines/{tid}/updates/{uid}/retraction",
                        "{\"reason\":\"Wrong\",\"publicNote\":\"Withdrawn.\"}", "\"1\"", false, editors(200)),
                new Endpoint(COMMAND, "PUT", "/api/timelines/{tid}/pin", "{\"updateId\":\"{uid}\"}", null, false,
                        editors(200)),
                new Endpoint(COMMAND, "DELETE", "/api/timelines/{tid}/pin", "{\"updateId\":\"{uid}\"}", null, true,
                        editors(200)),
                new Endpoint(COMMAND, "POST", "/api/timelines/{tid}/drafts", content, null, false, drafters(201)),
                new Endpoint(COMMAND, "PUT", "/api/timelines/{tid}/drafts/{did}", content, "\"1\"", false,
                        drafters(200)),
                new Endpoint(COMMAND, "GET", "/api/timelines/{tid}/drafts", null, null, false, drafters(200)),
                new Endpoint(COMMAND, "POST", "/api/timelines/{tid}/drafts/{did}/publication", null, null, false,
                        editors(201)),
                new Endpoint(COMMAND, "POST", "/api/timelines/{tid}/drafts/{did}/rejection", "{\"note\":\"No\"}",
                        null, false, editors(200)),
                new Endpoint(COMMAND, "GET", "/api/me", null, null, false, drafters(200)),
                new Endpoint(COMMAND, "GET", "/api/admin/republish", null, null, false, admins(200)),
                new Endpoint(COMMAND, "GET", "/desk", null, null, false, everyone(200)),
                new Endpoint(COMMAND, "GET", "/actuator/health", null, null, false, everyone(200)),
                new Endpoint(COMMAND, "GET", "/actuator/metrics", null, null, false, admins(200)),
                // the readers' and auditors' service
                new Endpoint(QUERY, "GET", "/api/timelines", null, null, false, everyone(200)),
                new Endpoint(QUERY, "GET", "/api/timelines/{tid}", null, null, false, everyone(200)),
                new Endpoint(QUERY, "GET", "/api/timelines/{tid}/updates/{uid}", null, null, false, everyone(200)),
                new Endpoint(QUERY, "GET", "/api/timelines/{tid}/updates/{uid}/history", null, null, false,
                        everyone(200)),
                new Endpoint(QUERY, "GET", "/api/timelines/{tid}/stream", null, null, false, everyone(200)),
                new Endpoint(QUERY, "GET", "/timelines/{tid}", null, null, false, everyone(200)),
                new Endpoint(QUERY, "GET", "/timelines/{tid}/updates?before=2", null, null, false, everyone(200)),
                new Endpoint(QUERY, "GET", "/timelines/{tid}/updates/{uid}/history", null, null, false,
                        everyone(200)),
                new Endpoint(QUERY, "GET", "/timelines/{tid}/feed.atom", null, null, false, everyone(200)),
                new Endpoint(QUERY, "GET", "/actuator/health", null, null, false, everyone(200)),
                // HEAD: the same answer as GET without its body (RFC 9110), as CDNs and link checkers ask
                new Endpoint(QUERY, "HEAD", "/api/timelines", null, null, false, everyone(200)),
                new Endpoint(QUERY, "HEAD", "/api/timelines/{tid}", null, null, false, everyone(200)),
                new Endpoint(QUERY, "HEAD", "/api/timelines/{tid}/updates/{uid}", null, null, false, everyone(200)),
                new Endpoint(QUERY, "HEAD", "/api/timelines/{tid}/updates/{uid}/history", null, null, false,
                        everyone(200)),
                new Endpoint(QUERY, "HEAD", "/timelines/{tid}", null, null, false, everyone(200)),
                new Endpoint(QUERY, "HEAD", "/timelines/{tid}/feed.atom", null, null, false, everyone(200)),
                new Endpoint(QUERY, "HEAD", "/actuator/health", null, null, false, everyone(200)),
                new Endpoint(QUERY, "HEAD", "/api/audit/timelines/{tid}/verify", null, null, false, auditors(200)),
                new Endpoint(QUERY, "GET", "/actuator/metrics/timeline.live.readers", null, null, false, admins(200)),
                new Endpoint(QUERY, "GET", "/api/audit/timelines/{tid}/events", null, null, false, auditors(200)),
                new Endpoint(QUERY, "GET", "/api/audit/timelines/{tid}/updates/{uid}/history", null, null, false,
                        auditors(200)),
                new Endpoint(QUERY, "GET", "/api/audit/timelines/{tid}?asOf=2030-01-01T00:00:00Z", null, null, false,
                        auditors(200)),
                new Endpoint(QUERY, "GET", "/api/audit/timelines/{tid}/difference?from=2000-01-01T00:00:00Z"
                        + "&to=2030-01-01T00:00:00Z", null, null, false, auditors(200)),
                new Endpoint(QUERY, "GET", "/api/audit/timelines/{tid}/verify", null, null, false, auditors(200)),
                new Endpoint(QUERY, "GET", "/audit/timelines/{tid}", null, null, false, auditors(200)),
                new Endpoint(QUERY, "GET", "/audit/timelines/{tid}/updates/{uid}", null, null, false, auditors(200)),
                new Endpoint(QUERY, "POST", "/api/admin/rebuild", null, null, false, admins(202)),
                new Endpoint(QUERY, "GET", "/api/admin/rebuild", null, null, false, admins(200)),
                // legal erasure: a legal officer asks (legal2 asked in each fixture, so a legal officer let in meets
                // that erasure waiting: 409), another or an admin approves
                new Endpoint(COMMAND, "POST", "/api/timelines/{tid}/updates/{uid}/erasure", ERASURE, null, false,
                        401, 403, 403, 403, 403, 409),
                new Endpoint(COMMAND, "POST", "/api/timelines/{tid}/erasures/{eid}/approval", null, null, false,
                        401, 403, 403, 403, 200, 200),
                new Endpoint(COMMAND, "GET", "/api/timelines/{tid}/erasures", null, null, false,
                        401, 403, 403, 403, 200, 200),
                // the query service takes no writes from anyone
                new Endpoint(QUERY, "POST", "/api/timelines/{tid}/updates", content, null, false,
                        401, 403, 403, 403, 403, 403),
                new Endpoint(QUERY, "DELETE", "/api/timelines/{tid}", null, null, false,
                        401, 403, 403, 403, 403, 403));
        return endpoints.stream().flatMap(endpoint -> Arrays.stream(Who.values())
                .map(who -> Arguments.of(endpoint.method() + " " + endpoint.service() + endpoint.path(), who, endpoint)));
    }

    @BeforeAll
    static void startStack(@TempDir Path dataDir) {
        stack = EmbeddedStack.start(StackOptions.forTests(dataDir, SharedKafka.bootstrapServers())
                .withArguments("--timeline.kafka.group-id=matrix-" + dataDir.getFileName()));
        published = fixture(false);
        await().atMost(Duration.ofSeconds(30)).until(() -> HTTP.get(stack.queryUrl() + "/api/timelines/"
                + published.tid() + "/updates/" + published.uid()).status() == 200);
    }

    @AfterAll
    static void stopStack() {
        stack.close();
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("matrix")
    void answersEachKindOfUserAsExpected(String name, Who who, Endpoint endpoint) {
        Fixture fixture = endpoint.service().equals(QUERY) ? published : fixture(endpoint.pinned());
        String base = endpoint.service().equals(COMMAND) ? stack.commandUrl() : stack.queryUrl();

        int status = HTTP.status(who.user, endpoint.method(), base + fill(endpoint.path(), fixture),
                endpoint.body() == null ? null : fill(endpoint.body(), fixture), endpoint.ifMatch());

        assertThat(status).isEqualTo(endpoint.expectedFor(who));
    }

    /** A timeline of its own with one update, pinned if asked, created by an admin, and a contributor's draft. */
    private static Fixture fixture(boolean pinned) {
        String tid = "matrix-" + UUID.randomUUID();
        command("POST", "/api/timelines", "{\"id\":\"" + tid + "\",\"title\":\"Matrix\"}");
        String uid = command("POST", "/api/timelines/" + tid + "/updates",
                "{\"headline\":\"Polls close\",\"blocks\":[{\"type\":\"paragraph\",\"text\":\"Counting\"}]}")
                .json().get("updateId").asText();
        if (pinned) {
            command("PUT", "/api/timelines/" + tid + "/pin", "{\"updateId\":\"" + uid + "\"}");
        }
        Http.Response draft = HTTP.send("contributor", "POST", stack.commandUrl() + "/api/timelines/" + tid
                + "/drafts", "{\"headline\":\"Exit poll\",\"blocks\":[{\"type\":\"paragraph\",\"text\":\"Soon\"}]}",
                null);
        assertThat(draft.status()).as(draft.body()).isEqualTo(201);
        Http.Response erasure = HTTP.send("legal2", "POST", stack.commandUrl() + "/api/timelines/" + tid
                + "/updates/" + uid + "/erasure", ERASURE, null);
        assertThat(erasure.status()).as(erasure.body()).isEqualTo(202);
        return new Fixture(tid, uid, draft.json().get("draftId").asText(), erasure.json().get("erasureId").asText());
    }

    private static Http.Response command(String method, String path, String body) {
        Http.Response response = HTTP.send("admin", method, stack.commandUrl() + path, body, null);
        assertThat(response.status()).as(response.body()).isBetween(200, 201);
        return response;
    }

    private static String fill(String template, Fixture fixture) {
        return template.replace("{tid}", fixture.tid()).replace("{uid}", fixture.uid())
                .replace("{did}", fixture.did()).replace("{eid}", fixture.eid())
                .replace("{new}", "matrix-" + UUID.randomUUID());
    }

    private static int[] editors(int success) {
        return new int[]{401, success, 403, 403, success, 403};
    }

    /** Editors, and contributors with drafts. */
    private static int[] drafters(int success) {
        return new int[]{401, success, success, 403, success, 403};
    }

    private static int[] auditors(int success) {
        return new int[]{401, 403, 403, success, success, 403};
    }

    private static int[] admins(int success) {
        return new int[]{401, 403, 403, 403, success, 403};
    }

    private static int[] everyone(int success) {
        return new int[]{success, success, success, success, success, success};
    }
}
