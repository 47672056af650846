package news.timeline.faults;

import news.timeline.embedded.LocalCluster;
import news.timeline.kafka.KafkaLogins;
import news.timeline.testing.TestPostgres;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;

import static news.timeline.faults.ServiceCrashTest.awaitAcknowledged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The cluster {@code deploy/cluster.sh up} starts ({@link LocalCluster}: three brokers, two command and two query
 * instances on PostgreSQL), under load on both command instances, a reader's live stream on each query instance;
 * then {@code kill -9} of one broker, one command instance (8083) and one query instance (8084) mid-run, and posts
 * going on through 8081. Every post answered {@code 201} is stored, published and applied once by the surviving
 * query instance, and its stream received every event of its timeline after the one it connected at; the cluster
 * starts what was killed again, and 8084, back, applies every post once too. The operators' scrape answers.
 */
class LocalClusterTest {

    private static final Pattern PID = Pattern.compile("(\\S+):\\s+\\S+\\s+pid (\\d+)");
    private static final Pattern EVENT_ID = Pattern.compile("^id: (\\d+)$");

    @Test
    void postsGoOnThroughOneBrokerOneCommandAndOneQueryInstanceKilled(@TempDir Path dir) throws Exception {
        Process launcher = launch(dir);
        try {
            Map<String, Long> pids = awaitRunning(launcher, dir.resolve("launcher.log"));
            List<String> commands = List.of("http://127.0.0.1:8081", "http://127.0.0.1:8083");
            AtomicInteger next = new AtomicInteger();
            AtomicInteger alive = new AtomicInteger(commands.size());
            try (Editors editors = new Editors(() -> commands.get(next.getAndIncrement() % alive.get()), "cluster", 3)
                    .openTimelines()) {
                String timeline = editors.timelines().get(0);
                await().atMost(Duration.ofSeconds(60)).until(() -> Reckoning.lastSequence("http://127.0.0.1:8082",
                        timeline) >= 0 && Reckoning.lastSequence("http://127.0.0.1:8084", timeline) >= 0);
                LiveStream survivor = LiveStream.open("http://127.0.0.1:8082", timeline);
                LiveStream.open("http://127.0.0.1:8084", timeline);
                editors.startPosting(4, Duration.ofMillis(20));
                awaitAcknowledged(editors, 200);

                // a load balancer stops sending to 8083 once it is gone: 8081 is listed first
                alive.set(1);
                kill(pids.get("Kafka broker 2"), pids.get("command-service-8083"), pids.get("query-service-8084"));
                int atKill = editors.acknowledgedCount();
                awaitAcknowledged(editors, atKill + 300);
                editors.stopPosting();
                Instant lastPost = Instant.now();

                Reckoning reckoning = new Reckoning(editors).awaitProjected("http://127.0.0.1:8082");
                Duration projected = Duration.between(lastPost, Instant.now());
                Map<String, Object> kafka = new HashMap<>(KafkaLogins.keptIn(LocalCluster.loginsFile(dir), List.of())
                        .clientProperties(KafkaLogins.OPERATOR));
                kafka.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092,127.0.0.1:9094");
                reckoning.readPipeline(kafka, "timeline-events", "http://127.0.0.1:8082")
                        .readEventStore(serverOf(TestPostgres.url()) + "timeline_commands")
                        .check("kill -9 of a broker, command instance 8083 and query instance 8084 of the cluster",
                                new Reckoning.Recovery("all projected on 8082", projected, "the last post"));
                long last = Reckoning.lastSequence("http://127.0.0.1:8082", timeline);
                await("the stream on 8082 up to " + last).atMost(Duration.ofSeconds(30))
                        .until(() -> survivor.lastId() >= last);
                assertThat(survivor.ids()).as("every event after the first the stream got, once")
                        .containsExactlyElementsOf(LongStream.rangeClosed(survivor.ids().get(0), last).boxed()
                                .toList());

                Instant killed = Instant.now();
                new Reckoning(editors).awaitProjected("http://127.0.0.1:8084")
                        .readPipeline(kafka, "timeline-events", "http://127.0.0.1:8084")
                        .readEventStore(serverOf(TestPostgres.url()) + "timeline_commands")
                        .check("query instance 8084, started again by the cluster",
                                new Reckoning.Recovery("all projected on 8084", Duration.between(killed,
                                        Instant.now()), "the check on 8082"));
                // each comes back 5 s after it ended, the broker after a start of its own: on a busy machine later
                await("the killed broker and command instance started again").atMost(Duration.ofSeconds(60))
                        .untilAsserted(() -> assertThat(Files.readString(dir.resolve("launcher.log")))
                                .contains("Kafka broker 2 started again", "command-service-8083 started again"));
                assertThat(scrape("http://127.0.0.1:8081")).contains("timeline_relay_lag", "timeline_commands_total");
                assertThat(scrape("http://127.0.0.1:8082")).contains("timeline_consumer_lag",
                        "timeline_projection_freshness_seconds_bucket");
            }
        } finally {
            launcher.destroy();
            launcher.waitFor();
        }
    }

    /** {@link LocalCluster} as {@code deploy/cluster.sh up} runs it, on the tests' PostgreSQL. */
    private static Process launch(Path dir) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), LocalCluster.class.getName(), dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("launcher.log").toFile());
        builder.environment().put("POSTGRES_URL", serverOf(TestPostgres.url()));
        builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        return builder.start();
    }

    /** Waits for the banner, and reads each process's id from it. */
    private static Map<String, Long> awaitRunning(Process launcher, Path log) {
        await("the cluster running (" + log + ")").atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofSeconds(1))
                .failFast("the cluster's launcher exited; see " + log, () -> !launcher.isAlive())
                .until(() -> Files.readString(log).contains("cluster is running"));
        try {
            Map<String, Long> pids = new ConcurrentHashMap<>();
            Matcher matcher = PID.matcher(Files.readString(log).replace("Kafka broker ", "Kafka_broker_"));
            while (matcher.find()) {
                pids.put(matcher.group(1).replace('_', ' '), Long.parseLong(matcher.group(2)));
            }
            return pids;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Prometheus scrape of an instance, as an admin. */
    private static String scrape(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(url + "/actuator/prometheus")).header("Authorization", "Basic "
                        + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url + " scrape").isEqualTo(200);
        return response.body();
    }

    private static void kill(Long... pids) {
        for (Long pid : pids) {
            ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no process " + pid))
                    .destroyForcibly();
        }
    }

    /** {@code jdbc:postgresql://host:port/} of a database's URL. */
    private static String serverOf(String url) {
        return url.substring(0, url.indexOf('/', "jdbc:postgresql://".length()) + 1);
    }

    /** A reader's live stream: the ids of the events it received, in order. */
    private static final class LiveStream {

        private final List<Long> ids = new CopyOnWriteArrayList<>();

        static LiveStream open(String queryUrl, String timeline) {
            LiveStream stream = new LiveStream();
            HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(
                            URI.create(queryUrl + "/api/timelines/" + timeline + "/stream")).build(),
                    HttpResponse.BodyHandlers.ofLines()).thenAccept(response -> response.body().forEach(line -> {
                        Matcher id = EVENT_ID.matcher(line);
                        if (id.matches()) {
                            stream.ids.add(Long.parseLong(id.group(1)));
                        }
                    }));
            return stream;
        }

        List<Long> ids() {
            return ids;
        }

        long lastId() {
            return ids.isEmpty() ? -1 : ids.get(ids.size() - 1);
        }
    }
}
