package news.timeline.query.erasure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import news.timeline.events.UpdateErased;
import news.timeline.query.web.SurrogateKeys;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Tells the caches in front of the service to drop what they hold of an erased update: a {@code POST} of
 * {@code {"erasureId", "surrogateKeys": [...]}} to {@code timeline.erasure.purge-url} ({@code TIMELINE_PURGE_URL}),
 * which a CDN's purge API or a small adapter receives; none configured, nothing is called. An answer other than
 * 2xx fails the erasure here, which is then tried again.
 */
@Component
class PurgeHook {

    private final URI url;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    PurgeHook(@Value("${timeline.erasure.purge-url:}") String url, ObjectMapper json) {
        this.url = url.isBlank() ? null : URI.create(url);
        this.json = json;
    }

    void purge(UpdateErased erasure) {
        if (url == null) {
            return;
        }
        try {
            HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of(
                            "erasureId", erasure.erasureId(),
                            "surrogateKeys", SurrogateKeys.of(erasure.timelineId(), erasure.updateId())))))
                    .build(), HttpResponse.BodyHandlers.discarding());
            if (answer.statusCode() / 100 != 2) {
                throw new IllegalStateException("the purge hook answered " + answer.statusCode());
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while purging", e);
        }
    }
}
