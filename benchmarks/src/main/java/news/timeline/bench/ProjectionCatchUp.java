package news.timeline.bench;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * How long after the last post the readers' side showed every post. Started before the posting ends (so that its
 * own start is not counted), it waits for the file of "timeline sequence" lines the load tool writes when it stops,
 * takes the file's time as the moment of the last post, then reads each timeline's latest page until its
 * {@code lastSequence} reaches the last sequence the command service answered for it, and prints the time until the
 * last timeline got there.
 * Arguments: the query service's URL, the file to wait for.
 */
public final class ProjectionCatchUp {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProjectionCatchUp() {
    }

    public static void main(String[] args) throws Exception {
        URI query = URI.create(args[0]);
        Path last = Path.of(args[1]);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        lastSequence(http, query, "warm-up");
        while (!Files.exists(last)) {
            Thread.sleep(1);
        }
        long lastPost = Files.getLastModifiedTime(last).toMillis();
        Map<String, Long> waiting = new HashMap<>();
        for (String line : Files.readAllLines(last)) {
            String[] fields = line.trim().split(" ");
            waiting.put(fields[0], Long.parseLong(fields[1]));
        }
        long deadline = System.currentTimeMillis() + 60_000;
        while (!waiting.isEmpty() && System.currentTimeMillis() < deadline) {
            waiting.entrySet().removeIf(timeline -> lastSequence(http, query, timeline.getKey()) >= timeline.getValue());
        }
        System.out.println("projection.caught_up_ms=" + (waiting.isEmpty()
                ? String.valueOf(System.currentTimeMillis() - lastPost) : "not within 60 s"));
    }

    private static long lastSequence(HttpClient http, URI query, String timeline) {
        try {
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(query.resolve("/api/timelines/" + timeline))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return page.statusCode() == 200 ? JSON.readTree(page.body()).path("lastSequence").asLong(-1) : -1;
        } catch (Exception e) {
            return -1;
        }
    }
}
