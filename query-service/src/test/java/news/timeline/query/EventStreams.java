package news.timeline.query;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/** A reader of a timeline's Server-Sent Events stream, as a browser's EventSource reads it. */
final class EventStreams {

    private EventStreams() {
    }

    /** One event as received: {@code "<event> <id>"} and its data. */
    record Received(String event, String data) {
    }

    /**
     * Reads {@code total} events from the stream of {@code tid} at {@code service},
     * telling {@code afterEach} how many it has after each one. A reconnect when {@code lastEventId} is given, else
     * a stream from the timeline's beginning.
     */
    static List<Received> read(HttpClient http, URI service, String tid, String lastEventId, int total,
                             IntConsumer afterEach) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(service.resolve("/api/timelines/" + tid + "/stream"));
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        } else {
            request.uri(service.resolve("/api/timelines/" + tid + "/stream?after=0"));
        }
        HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
        List<Received> received = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String event = null;
            while (received.size() < total) {
                String line = lines.readLine();
                if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                } else if (line.startsWith("id:")) {
                    event += " " + line.substring(3).strip();
                } else if (line.startsWith("data:")) {
                    received.add(new Received(event, line.substring(5).strip()));
                    afterEach.accept(received.size());
                }
            }
        }
        return received;
    }
}
