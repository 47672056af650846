package news.timeline.bench;

import news.timeline.command.CommandServiceApplication;
import news.timeline.kafka.KafkaBroker;
import org.HdrHistogram.Histogram;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Posts a second through the command service's HTTP API on an H2 file, as the laptop default runs it, once for each
 * way of writing the store given: a real KRaft broker, the command service, {@code editors} threads posting to
 * {@code timelines} timelines as fast as they are answered, {@code seconds} measured after as many of warm-up.
 * Each run gets a fresh store, in the order given (repeat a setting to see the spread). Prints one
 * {@code name=value} line per figure.
 *
 * <p>Arguments: workDir editors timelines seconds h2Settings... (each as in an H2 URL, e.g. {@code WRITE_DELAY=0})
 */
public final class CommandThroughput {

    private static final String AUTHORIZATION = "Basic " + Base64.getEncoder()
            .encodeToString("editor:editor".getBytes(StandardCharsets.UTF_8));

    private CommandThroughput() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int editors = Integer.parseInt(args[1]);
        int timelines = Integer.parseInt(args[2]);
        Duration measured = Duration.ofSeconds(Long.parseLong(args[3]));
        emit("editors", editors);
        emit("timelines", timelines);
        try (KafkaBroker broker = KafkaBroker.start(work.resolve("kafka"), 0, KafkaBroker.Jvm.LONG_RUNNING)) {
            for (int run = 4; run < args.length; run++) {
                String settings = args[run];
                try (ConfigurableApplicationContext service = CommandServiceApplication.builder().run(
                        "--server.port=0", "--timeline.data-dir=" + work.resolve("run" + run),
                        "--spring.datasource.url=jdbc:h2:file:" + work.resolve("run" + run).resolve("store") + ";"
                                + settings,
                        "--timeline.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                        "--timeline.kafka.topic.name=throughput-" + run,
                        "--timeline.limits.requests-per-second=1000000", "--timeline.limits.burst=1000000",
                        "--logging.level.root=WARN")) {
                    URI base = URI.create("http://127.0.0.1:" + service.getEnvironment().getProperty("local.server.port"));
                    List<String> ids = open(base, timelines, run);
                    load(base, ids, editors, measured, null);
                    Histogram latencies = new Histogram(3);
                    long posts = load(base, ids, editors, measured, latencies);
                    String name = "run" + (run - 3) + "[" + settings + "]";
                    emit(name + ".posts_per_s", Math.round(posts / (double) measured.toSeconds()));
                    emit(name + ".latency_p50_ms", latencies.getValueAtPercentile(50) / 1000.0);
                    emit(name + ".latency_p99_ms", latencies.getValueAtPercentile(99) / 1000.0);
                }
            }
        }
        System.exit(0);
    }

    private static List<String> open(URI base, int timelines, int run) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<String> ids = new ArrayList<>();
        for (int t = 0; t < timelines; t++) {
            String id = "throughput-" + run + "-" + t;
            send(http, base.resolve("/api/timelines"), "{\"id\":\"" + id + "\",\"title\":\"Throughput\"}");
            ids.add(id);
        }
        return ids;
    }

    /** Posts for {@code duration} from {@code editors} threads; how many were answered 201. */
    private static long load(URI base, List<String> timelines, int editors, Duration duration, Histogram latencies)
            throws InterruptedException {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong posted = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int e = 0; e < editors; e++) {
            int first = e;
            Thread thread = new Thread(() -> {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                for (int i = first; running.get(); i += editors) {
                    URI updates = base.resolve("/api/timelines/" + timelines.get(i % timelines.size()) + "/updates");
                    long start = System.nanoTime();
                    int status = send(http, updates, "{\"headline\":\"Post " + i + "\",\"blocks\":[{\"type\":"
                            + "\"paragraph\",\"text\":\"A paragraph of a live update.\"}]}");
                    if (status == 201) {
                        posted.incrementAndGet();
                        if (latencies != null) {
                            synchronized (latencies) {
                                latencies.recordValue((System.nanoTime() - start) / 1_000);
                            }
                        }
                    }
                }
            });
            threads.add(thread);
            thread.start();
        }
        Thread.sleep(duration.toMillis());
        running.set(false);
        for (Thread thread : threads) {
            thread.join();
        }
        return posted.get();
    }

    private static int send(HttpClient http, URI uri, String json) {
        try {
            return http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                    .header("Authorization", AUTHORIZATION).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static void emit(String name, Object value) {
        System.out.println(name + "=" + value);
    }
}
