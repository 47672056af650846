package news.timeline.command.idempotency;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import news.timeline.command.web.CachedBodyRequest;
import news.timeline.command.web.Problems;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * {@code Idempotency-Key} on creating requests (POST), after the IETF httpapi draft: a retry with the same key and
 * the same request gets the first answer again and changes nothing; the same key with another request is
 * {@code 422}; a retry while the first is still being handled is {@code 409}. Keys belong to the signed-in user and
 * are kept for {@code timeline.idempotency.retention} (24 hours by default). An answer the service failed to give
 * (5xx) is not kept, so the retry is handled anew.
 */
@Component
class IdempotencyFilter extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";

    private final IdempotencyRecords records;
    private final Clock clock;
    private final Duration retention;

    IdempotencyFilter(IdempotencyRecords records,
                      @Value("${timeline.idempotency.retention:24h}") Duration retention) {
        this.records = records;
        this.clock = Clock.systemUTC();
        this.retention = retention;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        String key = request.getHeader(HEADER).strip();
        if (user == null || !user.isAuthenticated() || key.isEmpty() || key.length() > 255) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = request.getInputStream().readAllBytes();
        String fingerprint = fingerprint(request.getMethod(), request.getRequestURI(), body);
        if (!records.claim(user.getName(), key, fingerprint, clock.instant())) {
            answerAgain(records.find(user.getName(), key), fingerprint, response);
            return;
        }
        ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(new CachedBodyRequest(request, body), answer);
        } catch (IOException | ServletException | RuntimeException e) {
            records.release(user.getName(), key);
            throw e;
        }
        if (answer.getStatus() >= 500) {
            records.release(user.getName(), key);
        } else {
            records.complete(user.getName(), key, answer.getStatus(), answer.getHeader(HttpHeaders.LOCATION),
                    answer.getHeader(HttpHeaders.ETAG),
                    new String(answer.getContentAsByteArray(), StandardCharsets.UTF_8));
        }
        answer.copyBodyToResponse();
    }

    private static void answerAgain(Optional<IdempotencyRecords.Stored> stored, String fingerprint,
                                    HttpServletResponse response) throws IOException {
        if (stored.isEmpty()) {
            inFlight(response);
            return;
        }
        IdempotencyRecords.Stored first = stored.get();
        if (!first.fingerprint().equals(fingerprint)) {
            Problems.write(response, HttpStatus.UNPROCESSABLE_ENTITY, "idempotency-key-reused",
                    "Idempotency-Key reused", "this Idempotency-Key was used for another request");
        } else if (first.status() == null) {
            inFlight(response);
        } else {
            response.setStatus(first.status());
            if (first.location() != null) {
                response.setHeader(HttpHeaders.LOCATION, first.location());
            }
            if (first.etag() != null) {
                response.setHeader(HttpHeaders.ETAG, first.etag());
            }
            response.setHeader("Idempotent-Replayed", "true");
            response.setContentType(first.status() >= 400 ? MediaType.APPLICATION_PROBLEM_JSON_VALUE
                    : MediaType.APPLICATION_JSON_VALUE);
            response.getOutputStream().write(first.body().getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void inFlight(HttpServletResponse response) throws IOException {
        Problems.write(response, HttpStatus.CONFLICT, "idempotency-key-in-flight", "Request in flight",
                "a request with this Idempotency-Key is being handled; retry later");
    }

    /** The same key must come with the same request: method, path and body. */
    static String fingerprint(String method, String path, byte[] body) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update((method + " " + path + "\n").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha256.digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Scheduled(fixedDelayString = "PT1H")
    void expire() {
        records.expireBefore(clock.instant().minus(retention));
    }
}
