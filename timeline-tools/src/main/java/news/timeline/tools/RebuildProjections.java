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
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code rebuild --query-service http://host:8082 --user admin [--password secret]}: starts a rebuild of every
 * projection through the query service's admin API and follows it to the end, a line of progress a second. Exits 0
 * when the rebuilt projection took over with the live one's checksum, 1 when it failed or differs, 2 on a usage
 * error. The password may also come from {@code TIMELINE_PASSWORD}.
 */
final class RebuildProjections {

    private static final Duration POLL = Duration.ofSeconds(1);

    private RebuildProjections() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws IOException, InterruptedException {
        Map<String, String> options = new HashMap<>(Map.of("--password",
                System.getenv().getOrDefault("TIMELINE_PASSWORD", "")));
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        if (!options.containsKey("--query-service") || !options.containsKey("--user") || args.length % 2 != 0) {
            err.println("usage: rebuild --query-service http://host:8082 --user admin [--password secret]");
            return TimelineTools.USAGE;
        }
        URI endpoint = URI.create(options.get("--query-service").replaceAll("/+$", "") + "/api/admin/rebuild");
        String credentials = "Basic " + Base64.getEncoder().encodeToString(
                (options.get("--user") + ":" + options.get("--password")).getBytes(StandardCharsets.UTF_8));
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> started = http.send(HttpRequest.newBuilder(endpoint).header("Authorization", credentials)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (started.statusCode() != 202 && started.statusCode() != 409) {
            err.println("the query service refused the rebuild: HTTP " + started.statusCode() + " " + started.body());
            return TimelineTools.FAILURE;
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
            return TimelineTools.FAILURE;
        }
        String live = progress.path("live").path("sha256").asText();
        String rebuilt = progress.path("rebuilt").path("sha256").asText();
        out.printf("done: %,d events at %,d events/s; rows %s; checksum %s %s; live projection held %,d ms%n",
                progress.path("eventsApplied").asLong(), progress.path("eventsPerSecond").asLong(),
                progress.path("rebuilt").path("rows"), rebuilt,
                live.equals(rebuilt) ? "(same as the live projection)" : "(the live projection's was " + live + ")",
                progress.path("livePausedMillis").asLong());
        return live.equals(rebuilt) ? TimelineTools.SUCCESS : TimelineTools.FAILURE;
    }
}
