package news.timeline.command.idempotency;

import news.timeline.command.CommandServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Creating requests retried with an Idempotency-Key store their events once. */
@CommandServiceTest
class IdempotencyKeyTest {

    private static final String POST = "{\"headline\":\"Polls close\",\"blocks\":[]}";

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theSameKeyAndBodyAnswerTheFirstResponseAgainAndStoreOneEvent() {
        String tid = openTimeline();
        String key = UUID.randomUUID().toString();

        ResponseEntity<String> first = post("editor", tid, POST, key);
        ResponseEntity<String> retry = post("editor", tid, POST, key);

        assertThat(first.getStatusCode().value()).isEqualTo(201);
        assertThat(retry.getStatusCode().value()).isEqualTo(201);
        assertThat(retry.getBody()).isEqualTo(first.getBody());
        assertThat(retry.getHeaders().getLocation()).isEqualTo(first.getHeaders().getLocation());
        assertThat(retry.getHeaders().getETag()).isEqualTo("\"1\"");
        assertThat(retry.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(events(tid)).isEqualTo(2);
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefusedAndStoresNothing() {
        String tid = openTimeline();
        String key = UUID.randomUUID().toString();
        post("editor", tid, POST, key);

        ResponseEntity<String> other = post("editor", tid, "{\"headline\":\"Something else\",\"blocks\":[]}", key);

        assertThat(other.getStatusCode().value()).isEqualTo(422);
        assertThat(other.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(events(tid)).isEqualTo(2);
    }

    @Test
    void aRetryWhileTheFirstIsInFlightIsAConflict() {
        String tid = openTimeline();
        String key = UUID.randomUUID().toString();
        String sameRequest = IdempotencyFilter.fingerprint("POST", "/api/timelines/" + tid + "/updates",
                POST.getBytes(StandardCharsets.UTF_8));
        jdbc.update("INSERT INTO idempotency_record (principal, idempotency_key, fingerprint, created_at) "
                + "VALUES ('editor', ?, ?, ?)", key, sameRequest, OffsetDateTime.now());

        ResponseEntity<String> inFlight = post("editor", tid, POST, key);

        assertThat(inFlight.getStatusCode().value()).isEqualTo(409);
        assertThat(inFlight.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(events(tid)).isEqualTo(1);
    }

    @Test
    void keysBelongToTheirUser() {
        String tid = openTimeline();
        String key = UUID.randomUUID().toString();

        post("editor", tid, POST, key);
        ResponseEntity<String> colleague = post("editor2", tid, POST, key);

        assertThat(colleague.getStatusCode().value()).isEqualTo(201);
        assertThat(colleague.getHeaders().getFirst("Idempotent-Replayed")).isNull();
        assertThat(events(tid)).isEqualTo(3);
    }

    private String openTimeline() {
        String tid = "idem-" + UUID.randomUUID();
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        assertThat(http.withBasicAuth("editor", "editor").exchange("/api/timelines", HttpMethod.POST,
                new HttpEntity<>("{\"id\":\"" + tid + "\",\"title\":\"Idempotency\"}", headers), String.class)
                .getStatusCode().value()).isEqualTo(201);
        return tid;
    }

    private ResponseEntity<String> post(String user, String tid, String body, String key) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.set(IdempotencyFilter.HEADER, key);
        return http.withBasicAuth(user, user).exchange("/api/timelines/" + tid + "/updates", HttpMethod.POST,
                new HttpEntity<>(body, headers), String.class);
    }

    private long events(String tid) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, tid);
    }
}
