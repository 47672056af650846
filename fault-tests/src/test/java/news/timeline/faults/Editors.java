package news.timeline.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Editors posting to many timelines at once, as fast as the command service answers, and keeping a ledger: every
 * post answered {@code 2xx} with the sequence it was given, and every answer that was not. A refused connection
 * (the service is down) is retried after a short pause, as a desk would.
 */
final class Editors implements AutoCloseable {

    /** A post the command service acknowledged. */
    record Acknowledged(String timelineId, String updateId, long sequence) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AUTHORIZATION = "Basic " + Base64.getEncoder()
            .encodeToString("editor:editor".getBytes(StandardCharsets.UTF_8));

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Supplier<String> commandUrl;
    private final List<String> timelines;
    private final ConcurrentLinkedQueue<Acknowledged> acknowledged = new ConcurrentLinkedQueue<>();
    private final Map<Integer, AtomicInteger> refusals = new ConcurrentHashMap<>();
    private final Map<Integer, String> refusalSamples = new ConcurrentHashMap<>();
    private final AtomicInteger unanswered = new AtomicInteger();
    private final AtomicBoolean posting = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();

    /** {@code commandUrl}: where the command service is now (it may move between restarts). */
    Editors(Supplier<String> commandUrl, String timelinePrefix, int timelines) {
        this.commandUrl = commandUrl;
        this.timelines = IntStream.range(0, timelines)
                .mapToObj(i -> timelinePrefix + "-" + i).toList();
    }

    List<String> timelines() {
        return timelines;
    }

    /** Opens the timelines; each must be answered {@code 201}. */
    Editors openTimelines() {
        for (String timeline : timelines) {
            HttpResponse<String> response = send("/api/timelines",
                    "{\"id\":\"" + timeline + "\",\"title\":\"Fault " + timeline + "\"}");
            if (response == null || response.statusCode() != 201) {
                throw new IllegalStateException("cannot open " + timeline + ": "
                        + (response == null ? "no answer" : response.statusCode() + " " + response.body()));
            }
        }
        return this;
    }

    /** Starts {@code editors} threads, each posting round the timelines from a place of its own, flat out. */
    Editors startPosting(int editors) {
        return startPosting(editors, Duration.ZERO);
    }

    /** As {@link #startPosting(int)}, each editor pausing {@code between} posts: a newsroom's pace, not a flood. */
    Editors startPosting(int editors, Duration between) {
        posting.set(true);
        for (int e = 0; e < editors; e++) {
            int first = e;
            Thread thread = new Thread(() -> post(first, editors, between), "editor-" + e);
            threads.add(thread);
            thread.start();
        }
        return this;
    }

    /** Stops posting and waits for the answers still coming. */
    void stopPosting() {
        posting.set(false);
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofSeconds(60).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
    }

    @Override
    public void close() {
        stopPosting();
    }

    List<Acknowledged> acknowledged() {
        return List.copyOf(acknowledged);
    }

    int acknowledgedCount() {
        return acknowledged.size();
    }

    /** Answers {@code 5xx}, a clear {@code 503} among them. */
    int serverErrors() {
        return serverErrorsByStatus().values().stream().mapToInt(Integer::intValue).sum();
    }

    /** How many {@code 5xx} answers of each status. */
    Map<Integer, Integer> serverErrorsByStatus() {
        Map<Integer, Integer> counts = new TreeMap<>();
        refusals.forEach((status, count) -> {
            if (status >= 500) {
                counts.put(status, count.get());
            }
        });
        return counts;
    }

    /** Answers in {@code 4xx}, none expected of these well-formed posts, each with the first bodies seen. */
    Map<Integer, Integer> clientErrorsByStatus() {
        Map<Integer, Integer> counts = new TreeMap<>();
        refusals.forEach((status, count) -> {
            if (status < 500) {
                counts.put(status, count.get());
            }
        });
        return counts;
    }

    /**
     * The first body of each refused status, to tell why: a rare refusal among many of another status (a
     * {@code 400} among a stop's {@code 503}s) is kept too.
     */
    Map<Integer, String> refusalSamples() {
        return new TreeMap<>(refusalSamples);
    }

    /** Requests with no answer: the connection refused or broken, as while a service is down. */
    int unanswered() {
        return unanswered.get();
    }

    private void post(int first, int stride, Duration between) {
        int n = 0;
        for (int i = first; posting.get(); i += stride) {
            LockSupport.parkNanos(between.toNanos());
            String timeline = timelines.get(i % timelines.size());
            String body = "{\"headline\":\"Post " + (n++) + " by " + Thread.currentThread().getName()
                    + "\",\"blocks\":[{\"type\":\"paragraph\",\"text\":\"Filed during a fault.\"}]}";
            HttpResponse<String> response = send("/api/timelines/" + timeline + "/updates", body);
            if (response == null) {
                unanswered.incrementAndGet();
                LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            } else if (response.statusCode() == 201) {
                JsonNode answer = read(response.body());
                acknowledged.add(new Acknowledged(timeline, answer.get("updateId").asText(),
                        answer.get("sequence").asLong()));
            } else {
                refusals.computeIfAbsent(response.statusCode(), status -> new AtomicInteger()).incrementAndGet();
                refusalSamples.putIfAbsent(response.statusCode(), response.body());
                LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            }
        }
    }

    /** The answer, or null when there was none. */
    private HttpResponse<String> send(String path, String json) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(commandUrl.get() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", AUTHORIZATION)
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException noAnswer) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + json, e);
        }
    }
}
