package news.timeline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What each kind of request costs as one timeline grows: the timeline is filled through the command API up to each
 * size, then each request is timed SAMPLES times, one at a time, and its median printed. "first page after a write"
 * is the reader's first page right after a post was applied, when the page in memory is out of date and is read
 * again; "edit" and "post" are the command API's answers; "before page" is a page halfway down the timeline, read,
 * as the feed and the history are, once the edit before it is applied. The
 * same requests run first on a timeline of their own, unreported, to warm the services up.
 * Arguments: the command service's URL, the query service's URL, the sizes (comma separated), SAMPLES, the filling
 * clients.
 */
public final class TimelineGrowth {

    private static final String AUTHORIZATION = "Basic "
            + Base64.getEncoder().encodeToString("editor:editor".getBytes(StandardCharsets.UTF_8));
    private static final String POST = "{\"headline\":\"Update %d\",\"blocks\":[{\"type\":\"paragraph\",\"text\":"
            + "\"A paragraph of a live update, as long as one usually is: a sentence or two that tell what happened,"
            + " who said it and where.\"}]}";
    private static final String EDIT = "{\"headline\":\"Update, corrected\",\"blocks\":[{\"type\":\"paragraph\","
            + "\"text\":\"The paragraph, corrected.\"}],\"change\":{\"kind\":\"CORRECTION\",\"note\":\"Spelling\"}}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI command;
    private final URI query;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String timeline;

    private TimelineGrowth(URI command, URI query, String timeline) throws Exception {
        this.command = command;
        this.query = query;
        this.timeline = timeline;
        send("POST", command.resolve("/api/timelines"), "{\"id\":\"" + timeline + "\",\"title\":\"Growth\"}");
    }

    public static void main(String[] args) throws Exception {
        URI command = URI.create(args[0]);
        URI query = URI.create(args[1]);
        int[] sizes = Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray();
        int samples = Integer.parseInt(args[3]);
        int clients = Integer.parseInt(args[4]);
        // the same requests on a timeline of its own first, unreported, until the JIT has compiled their paths
        TimelineGrowth warmUp = new TimelineGrowth(command, query, "growth-warm-up");
        warmUp.fill(0, 100, clients);
        warmUp.measure(100, 300, false);
        TimelineGrowth growth = new TimelineGrowth(command, query, "growth");
        int updates = 0;
        for (int size : sizes) {
            long started = System.nanoTime();
            growth.fill(updates, size, clients);
            emit("size" + size + ".filled_posts_per_s", Math.round((size - updates) * 1e9 / (System.nanoTime()
                    - started)));
            growth.measure(size, samples, true);
            updates = size + samples;
        }
        System.exit(0);
    }

    /** Posts from {@code clients} threads until the timeline holds {@code size} updates. */
    private void fill(int from, int size, int clients) throws Exception {
        AtomicInteger next = new AtomicInteger(from);
        ExecutorService threads = Executors.newFixedThreadPool(clients, runnable -> {
            Thread thread = new Thread(runnable);
            thread.setDaemon(true);
            return thread;
        });
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            running.add(threads.submit(() -> {
                for (int n = next.getAndIncrement(); n < size; n = next.getAndIncrement()) {
                    send("POST", updates(), POST.formatted(n));
                }
                return null;
            }));
        }
        for (Future<?> client : running) {
            client.get();
        }
        threads.shutdown();
    }

    private void measure(int size, int samples, boolean report) throws Exception {
        long[] post = new long[samples];
        long[] firstPage = new long[samples];
        long[] edit = new long[samples];
        long[] beforePage = new long[samples];
        long[] feed = new long[samples];
        long[] history = new long[samples];
        for (int i = 0; i < samples; i++) {
            long start = System.nanoTime();
            HttpResponse<String> posted = send("POST", updates(), POST.formatted(size + i));
            post[i] = System.nanoTime() - start;
            JsonNode answer = JSON.readTree(posted.body());
            String updateId = answer.get("updateId").asText();
            // waits until the post is applied, without reading the page: the next read is the first after it
            while (send("HEAD", query.resolve("/api/timelines/" + timeline + "/updates/" + updateId), null)
                    .statusCode() != 200) {
                Thread.onSpinWait();
            }
            firstPage[i] = timed("GET", query.resolve("/api/timelines/" + timeline));
            start = System.nanoTime();
            HttpResponse<String> edited = send("PUT", command.resolve("/api/timelines/" + timeline + "/updates/"
                    + updateId), EDIT, "If-Match", "\"1\"");
            edit[i] = System.nanoTime() - start;
            // the reads below, each the first after the edit is applied, not racing the projection applying it
            send("HEAD", query.resolve("/api/timelines/" + timeline + "/updates/" + updateId + "?minSequence="
                    + JSON.readTree(edited.body()).get("sequence").asLong()), null);
            beforePage[i] = timed("GET", query.resolve("/api/timelines/" + timeline + "?before=" + (size / 2)));
            feed[i] = timed("GET", query.resolve("/timelines/" + timeline + "/feed.atom"));
            history[i] = timed("GET", query.resolve("/api/timelines/" + timeline + "/updates/" + updateId
                    + "/history"));
        }
        if (!report) {
            return;
        }
        emit("size" + size + ".post_ms", median(post));
        emit("size" + size + ".first_page_after_write_ms", median(firstPage));
        emit("size" + size + ".edit_ms", median(edit));
        emit("size" + size + ".before_page_ms", median(beforePage));
        emit("size" + size + ".atom_feed_ms", median(feed));
        emit("size" + size + ".public_history_ms", median(history));
    }

    private URI updates() {
        return command.resolve("/api/timelines/" + timeline + "/updates");
    }

    private long timed(String method, URI uri) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = send(method, uri, null);
        if (response.statusCode() != 200) {
            throw new IllegalStateException(method + " " + uri + " answered " + response.statusCode());
        }
        return System.nanoTime() - start;
    }

    private HttpResponse<String> send(String method, URI uri, String json, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Authorization", AUTHORIZATION)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 400 && !"HEAD".equals(method)) {
            throw new IllegalStateException(method + " " + uri + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response;
    }

    private static String median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format("%.2f", sorted[sorted.length / 2] / 1e6);
    }

    private static void emit(String name, Object value) {
        System.out.println(name + "=" + value);
    }
}
