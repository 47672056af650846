package news.timeline.tools;

import com.fasterxml.jackson.databind.JsonNode;
import news.timeline.events.EventJson;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * {@code rebuild --query-service http://host:8082 [--query-service http://host:8084 ...] --user admin
 * [--password secret]}: rebuilds every projection through each query service's admin API and follows it to the
 * end, a line of progress a second. Several query services (replicas) are rebuilt one after another, so that the
 * others serve at their full pace meanwhile, and none after the first that fails: each keeps its live projection.
 * Exits 0 when every rebuilt projection took over with its live one's checksum, 1 when one failed or differs, 2 on
 * a usage error. The password may also come from {@code TIMELINE_PASSWORD}.
 */
final class RebuildProjections {

    private static final Duration POLL = Duration.ofSeconds(1);
    private static final String USAGE = "usage: rebuild --query-service http://host:8082 [--query-service …]"
            + " --user admin [--password secret]";

    private final HttpClient http = HttpClient.newHttpClient();
    private final String credentials;
    private final PrintStream out;
    private final PrintStream err;

    private RebuildProjections(String credentials, PrintStream out, PrintStream err) {
        this.credentials = credentials;
        this.out = out;
        this.err = err;
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws IOException, InterruptedException {
        List<String> queryServices = new ArrayList<>();
        String user = null;
        String password = System.getenv().getOrDefault("TIMELINE_PASSWORD", "");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--query-service" -> queryServices.add(args[i + 1].replaceAll("/+$", ""));
                case "--user" -> user = args[i + 1];
                case "--password" -> password = args[i + 1];
                default -> user = null;
            }
        }
        if (queryServices.isEmpty() || user == null || args.length % 2 != 0) {
            err.println(USAGE);
            return TimelineTools.USAGE;
        }
        RebuildProjections rebuilds = new RebuildProjections("Basic " + Base64.getEncoder().encodeToString(
                (user + ":" + password).getBytes(StandardCharsets.UTF_8)), out, err);
        for (int i = 0; i < queryServices.size(); i++) {
            String queryService = queryServices.get(i);
            if (queryServices.size() > 1) {
                out.printf("%s (%d of %d):%n", queryService, i + 1, queryServices.size());
            }
            if (!rebuilds.rebuild(URI.create(queryService + "/api/admin/rebuild"))) {
                List<String> untouched = queryServices.subList(i + 1, queryServices.size());
                if (!untouched.isEmpty()) {
                    err.println("not rebuilt, each serving its live projection: " + String.join(", ", untouched));
                }
                return TimelineTools.FAILURE;
            }
        }
        return TimelineTools.SUCCESS;
    }

    /** One query service's rebuild, started (or, running already, followed) to its end: whether it took over. */
    private boolean rebuild(URI endpoint) throws IOException, InterruptedException {
        HttpResponse<String> started = http.send(HttpRequest.newBuilder(endpoint).header("Authorization", credentials)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (started.statusCode() != 202 && started.statusCode() != 409) {
            err.println("the query service refused the rebuild: HTTP " + started.statusCode() + " " + started.body());
            return false;
        }
        JsonNode progress = EventJson.mapper().readTree(started.body());
        while (progress.path("state").asText().matches("REBUILDING|SWITCHING")) {
            out.printf("%s: %,d of %,d records read, %,d events applied, %,d events/s%n",
                    progress.path("state").asText().toLowerCase(), progress.path("recordsRead").asLong(),
                    progress.path("recordsToRead").asLong(), progress.path("eventsApplied").asLong(),
                    progress.path("eventsPerSecond").asLong());
            Thread.sleep(POLL.toMillis());
            progress = EventJson.mapper().readTree(http.send(HttpRequest.newBuilder(endpoint)
                    .header("Authorization", credentials).build(), HttpResponse.BodyHandlers.ofString()).body());
        }
        if (!progress.path("state").asText().equals("DONE")) {
            err.println("rebuild failed, the live projection is unchanged: " + progress.path("error").asText());
            return false;
        }
        String live = progress.path("live").path("sha256").asText();
        String rebuilt = progress.path("rebuilt").path("sha256").asText();
        out.printf("done: %,d events at %,d events/s; rows %s; checksum %s %s; live projection held %,d ms%n",
                progress.path("eventsApplied").asLong(), progress.path("eventsPerSecond").asLong(),
                progress.path("rebuilt").path("rows"), rebuilt,
                live.equals(rebuilt) ? "(same as the live projection)" : "(the live projection's was " + live + ")",
                progress.path("livePausedMillis").asLong());
        return live.equals(rebuilt);
    }
}
