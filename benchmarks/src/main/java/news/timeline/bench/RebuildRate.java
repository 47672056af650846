package news.timeline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import news.timeline.events.Block;
import news.timeline.events.Change;
import news.timeline.events.ChangeKind;
import news.timeline.events.Content;
import news.timeline.events.EventEnvelope;
import news.timeline.events.EventJson;
import news.timeline.events.TimelineEvent;
import news.timeline.events.TimelineOpened;
import news.timeline.events.Topics;
import news.timeline.events.UpdateEdited;
import news.timeline.events.UpdatePosted;
import news.timeline.kafka.KafkaBroker;
import news.timeline.query.QueryServiceApplication;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Projection rebuild rate against Kafka's own consumer rate on the same events, in one run: a real KRaft broker,
 * {@code events} timeline events (a post then edits, about 500 bytes each, chained) over {@code timelines}
 * timelines; Kafka's ConsumerPerformance reads them all; the query service (H2 file) applies them live; then an
 * admin rebuild reads them again into fresh tables and switches over. Prints one {@code name=value} line per figure.
 *
 * <p>Arguments: workDir events timelines rebuilds [query service arguments, e.g. the postgres profile and its
 * database]. With more than one rebuild, each is reported on its own ({@code rebuild.run2...}): a rebuild's rate
 * varies from run to run on the same machine, and one run of the whole benchmark then gives several.
 */
public final class RebuildRate {

    private static final String PARAGRAPH = "A paragraph of a live update, as long as one usually is: a sentence or "
            + "two that tell what happened, who said it and where, and what is expected next.";

    private RebuildRate() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int events = Integer.parseInt(args[1]);
        int timelines = Integer.parseInt(args[2]);
        try (KafkaBroker broker = KafkaBroker.start(work.resolve("kafka"), freePort(), KafkaBroker.Jvm.LONG_RUNNING)) {
            String bootstrap = broker.bootstrapServers();
            emit("events", events);
            emit("timelines", timelines);
            long bytes = load(bootstrap, events, timelines);
            emit("events.bytes.average", bytes / events);
            consumerPerformance(bootstrap, events, work);
            rebuild(bootstrap, events, work, Integer.parseInt(args[3]), List.of(args).subList(4, args.length));
        }
        System.exit(0);
    }

    /** The events, timeline by timeline in round robin, as the relay would have published them. */
    private static long load(String bootstrap, int events, int timelines) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(Topics.TIMELINE_EVENTS, 6, (short) 1))).all().get();
        }
        long started = System.nanoTime();
        long bytes = 0;
        String[] heads = new String[timelines];
        Instant at = Instant.parse("2014-10-10T08:00:00Z");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 262_144),
                new StringSerializer(), new ByteArraySerializer())) {
            for (int n = 0; n < events; n++) {
                int timeline = n % timelines;
                long sequence = n / timelines;
                String tid = "bench-" + timeline;
                EventEnvelope event = EventEnvelope.of(UUID.randomUUID().toString(), sequence,
                        at.plusMillis(n), "editor", payload(tid, sequence)).chainedTo(heads[timeline]);
                heads[timeline] = event.hash();
                byte[] value = EventJson.write(event);
                bytes += value.length;
                producer.send(new ProducerRecord<>(Topics.TIMELINE_EVENTS, tid, value));
            }
        }
        emit("load.events_per_s", (long) (events / seconds(started)));
        return bytes;
    }

    /** Sequence 0 opens the timeline; then a post, and every third event corrects the post before it. */
    private static TimelineEvent payload(String tid, long sequence) {
        if (sequence == 0) {
            return new TimelineOpened(tid, "Benchmark story " + tid, "Load");
        }
        Content content = new Content("Update " + sequence + " of the story so far",
                List.of(new Block.Paragraph(PARAGRAPH)), false);
        return sequence % 3 == 0
                ? new UpdateEdited(tid, "u" + (sequence - 1), 2, content, new Change(ChangeKind.TYPO, null))
                : new UpdatePosted(tid, "u" + sequence, content, "Benchmark desk");
    }

    /**
     * Kafka's own consumer on the same topic: the ceiling a rebuild reads under. Run twice, each from the start of
     * the topic; the faster run is the ceiling (the first one varies most, its JVM and the broker's still warming).
     */
    private static void consumerPerformance(String bootstrap, int events, Path work) throws Exception {
        long best = 0;
        String bestMegabytes = null;
        for (int run = 1; run <= 2; run++) {
            Path out = work.resolve("consumer-performance-" + run + ".txt");
            Process tool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                    "org.apache.kafka.tools.ConsumerPerformance", "--bootstrap-server", bootstrap, "--topic",
                    Topics.TIMELINE_EVENTS, "--messages", String.valueOf(events), "--timeout", "120000", "--group",
                    "consumer-performance-" + run)
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start();
            tool.waitFor();
            // start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, ...
            List<String> lines = Files.readAllLines(out);
            String[] figures = lines.get(lines.size() - 1).split(",\\s*");
            long perSecond = (long) Double.parseDouble(figures[5]);
            emit("kafka.consumer_performance.run" + run + ".events_per_s", perSecond);
            if (perSecond > best) {
                best = perSecond;
                bestMegabytes = figures[3];
            }
        }
        emit("kafka.consumer_performance.events_per_s", best);
        emit("kafka.consumer_performance.mb_per_s", bestMegabytes);
    }

    /** The query service applies every event live, then rebuilds them all into fresh tables, {@code rebuilds} times. */
    private static void rebuild(String bootstrap, int events, Path work, int rebuilds, List<String> database)
            throws Exception {
        long started = System.nanoTime();
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--timeline.data-dir=" + work.resolve("data"),
                "--timeline.kafka.bootstrap-servers=" + bootstrap, "--timeline.kafka.max-poll-records=2000",
                "--logging.level.root=WARN",
                "--logging.level.news.timeline.query.rebuild.ProjectionRebuild=INFO")); // its phases' times
        arguments.addAll(database);
        try (ConfigurableApplicationContext query = QueryServiceApplication.builder()
                .run(arguments.toArray(String[]::new))) {
            JdbcTemplate jdbc = query.getBean(JdbcTemplate.class);
            while (applied(jdbc) < events) {
                Thread.sleep(1000);
            }
            emit("query.live_apply.events_per_s", (long) (events / seconds(started)));
            String url = "http://127.0.0.1:" + query.getEnvironment().getProperty("local.server.port")
                    + "/api/admin/rebuild";
            for (int run = 1; run <= rebuilds; run++) {
                JsonNode progress = rebuildOnce(url);
                String prefix = run == 1 ? "rebuild." : "rebuild.run" + run + ".";
                emit(prefix + "state", progress.path("state").asText());
                emit(prefix + "events", progress.path("eventsApplied").asLong());
                emit(prefix + "events_per_s", progress.path("eventsPerSecond").asLong());
                emit(prefix + "apply_seconds", seconds(progress, "startedAt", "caughtUpAt"));
                emit(prefix + "switch_seconds", seconds(progress, "caughtUpAt", "finishedAt"));
                emit(prefix + "live_paused_seconds", progress.path("livePausedMillis").asLong() / 1000.0);
                emit(prefix + "checksum_equal", progress.path("live").path("sha256").asText()
                        .equals(progress.path("rebuilt").path("sha256").asText()));
                emit(prefix + "rows", progress.path("rebuilt").path("rows"));
            }
        }
    }

    /** Starts a rebuild as an admin and answers its progress once it is over. */
    private static JsonNode rebuildOnce(String url) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String admin = "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));
        http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", admin)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode progress;
        do {
            Thread.sleep(1000);
            progress = EventJson.mapper().readTree(http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", admin).build(), HttpResponse.BodyHandlers.ofString()).body());
        } while (progress.path("state").asText().matches("REBUILDING|SWITCHING"));
        return progress;
    }

    private static double seconds(JsonNode progress, String from, String to) {
        return Duration.between(Instant.parse(progress.path(from).asText()),
                Instant.parse(progress.path(to).asText())).toMillis() / 1000.0;
    }

    private static long applied(JdbcTemplate jdbc) {
        Long count = jdbc.queryForObject("SELECT COALESCE(SUM(last_sequence + 1), 0) FROM timeline_position",
                Long.class);
        return count == null ? 0 : count;
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void emit(String name, Object value) {
        System.out.println(name + "=" + value);
    }
}
