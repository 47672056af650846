package news.timeline.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * After a fault: where each post an editor was answered {@code 2xx} for is now. In the event store, on the topic,
 * in the auditors' log and on the readers' timeline; each exactly once where exactly once is promised (the topic
 * is at least once), at the sequence it was answered with, every timeline's log without a gap.
 */
final class Reckoning {

    /** What was found; printed by every fault test. */
    record Figures(String fault, int acknowledged, int stored, int published, int projected,
                   int duplicatesOnTopic, int duplicatesProjected, int lost, Map<Integer, Integer> serverErrors, int unanswered,
                   Recovery recovery) {

        @Override
        public String toString() {
            return ("[fault] %s: acknowledged %d, stored %d, published %d (%d records again), projected %d"
                    + " (%d twice), lost %d, editors' 5xx %s, unanswered while down %d, %s %.1f s after %s")
                    .formatted(fault, acknowledged, stored, published, duplicatesOnTopic, projected,
                            duplicatesProjected, lost, serverErrors, unanswered, recovery.what(),
                            recovery.after().toMillis() / 1000.0, recovery.since());
        }
    }

    /** How soon things were back: {@code what} happened again, {@code after} how long {@code since} what. */
    record Recovery(String what, Duration after, String since) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String AUDITOR = "Basic " + Base64.getEncoder()
            .encodeToString("auditor:auditor".getBytes(StandardCharsets.UTF_8));

    private final Editors editors;
    private final List<Editors.Acknowledged> acknowledged;
    private Map<String, String> stored;
    private Map<String, Integer> published;
    private Map<String, Integer> projected;

    Reckoning(Editors editors) {
        this.editors = editors;
        this.acknowledged = editors.acknowledged();
    }

    /** Reads the topic from its first offset and the projection through the query service's public API. */
    Reckoning readPipeline(String bootstrapServers, String topic, String queryUrl) {
        return readPipeline(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), topic, queryUrl);
    }

    /** As above, on brokers reached with {@code kafka} (the bootstrap servers and how to sign in). */
    Reckoning readPipeline(Map<String, Object> kafka, String topic, String queryUrl) {
        published = publishedPosts(kafka, topic);
        projected = new HashMap<>();
        for (String timeline : editors.timelines()) {
            projected.putAll(projectedPosts(queryUrl, timeline));
        }
        return this;
    }

    /** Reads the event store through JDBC: an H2 file only once its service has stopped. */
    Reckoning readEventStore(String url) {
        stored = storedPayloads(url);
        return this;
    }

    /** Counts what was read, prints the figures and checks that nothing acknowledged is missing or doubled. */
    Figures check(String fault, Recovery recovery) {
        int inStore = 0;
        int onTopic = 0;
        int inProjection = 0;
        int lost = 0;
        for (Editors.Acknowledged post : acknowledged) {
            String key = key(post.timelineId(), post.sequence());
            boolean isStored = stored.getOrDefault(key, "").contains(post.updateId());
            boolean isPublished = published.containsKey(key + "/" + post.updateId());
            boolean isProjected = projected.containsKey(key + "/" + post.updateId());
            inStore += isStored ? 1 : 0;
            onTopic += isPublished ? 1 : 0;
            inProjection += isProjected ? 1 : 0;
            lost += isStored && isPublished && isProjected ? 0 : 1;
        }
        Figures figures = new Figures(fault, acknowledged.size(), inStore, onTopic, inProjection,
                published.values().stream().mapToInt(n -> n - 1).sum(),
                projected.values().stream().mapToInt(n -> n - 1).sum(),
                lost, editors.serverErrorsByStatus(), editors.unanswered(), recovery);
        System.out.println(figures);
        assertThat(figures.lost()).as(figures.toString()).isZero();
        assertThat(figures.duplicatesProjected()).as(figures.toString()).isZero();
        assertThat(editors.clientErrorsByStatus()).as("posts refused with a 4xx: %s", editors.refusalSamples())
                .isEmpty();
        return figures;
    }

    private Map<String, String> storedPayloads(String url) {
        Set<String> timelines = Set.copyOf(editors.timelines());
        Map<String, String> payloads = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(url, url.startsWith("jdbc:h2:") ? "sa" : "postgres", "");
             ResultSet rows = connection.createStatement().executeQuery(
                     "SELECT aggregate_identifier, sequence_number, payload FROM domain_event_entry")) {
            while (rows.next()) {
                if (timelines.contains(rows.getString(1))) {
                    payloads.put(key(rows.getString(1), rows.getLong(2)),
                            new String(rows.getBytes(3), StandardCharsets.UTF_8));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the event store at " + url, e);
        }
        return payloads;
    }

    /** Each post on the topic ({@code timeline/sequence/updateId}) and how many records carry it. */
    private Map<String, Integer> publishedPosts(Map<String, Object> kafka, String topic) {
        Map<String, Integer> records = new HashMap<>();
        Map<String, Object> settings = new HashMap<>(kafka);
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(settings,
                new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic)) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofSeconds(1))) {
                    JsonNode event = read(record.value());
                    JsonNode updateId = event.path("payload").path("updateId");
                    if ("UpdatePosted".equals(event.path("type").asText())) {
                        records.merge(key(event.get("timelineId").asText(), event.get("sequence").asLong())
                                + "/" + updateId.asText(), 1, Integer::sum);
                    }
                }
            }
        }
        return records;
    }

    /**
     * The timeline's posts as the query service holds them ({@code timeline/sequence/updateId}, and how often),
     * after checking that its audit log runs from sequence 0 without a gap or a repeat and that readers see each
     * post the log holds exactly once.
     */
    private static Map<String, Integer> projectedPosts(String queryUrl, String timeline) {
        List<JsonNode> log = get(queryUrl + "/api/audit/timelines/" + timeline + "/events", AUDITOR).lines()
                .map(Reckoning::read).toList();
        assertThat(log).extracting(event -> event.get("sequence").asLong())
                .as("the audit log of %s, in order, each sequence once", timeline)
                .containsExactlyElementsOf(LongStream.range(0, log.size()).boxed().toList());
        Map<String, Integer> posts = new HashMap<>();
        List<String> logged = new ArrayList<>();
        for (JsonNode event : log) {
            if ("UpdatePosted".equals(event.get("type").asText())) {
                String updateId = event.get("payload").get("updateId").asText();
                logged.add(updateId);
                posts.merge(key(timeline, event.get("sequence").asLong()) + "/" + updateId, 1, Integer::sum);
            }
        }
        List<String> read = readersUpdates(queryUrl, timeline);
        assertThat(read).as("the readers' timeline of %s, newest first", timeline)
                .containsExactlyElementsOf(newestFirst(logged));
        return posts;
    }

    /** Every update id on the readers' timeline, following its {@code next} cursor page by page. */
    private static List<String> readersUpdates(String queryUrl, String timeline) {
        List<String> ids = new ArrayList<>();
        String page = queryUrl + "/api/timelines/" + timeline + "?limit=100";
        while (page != null) {
            JsonNode answer = read(get(page, null));
            answer.get("updates").forEach(update -> ids.add(update.get("id").asText()));
            JsonNode next = answer.get("next");
            page = next == null || next.isNull() ? null
                    : queryUrl + "/api/timelines/" + timeline + "?limit=100&before=" + next.asLong();
        }
        return ids;
    }

    static String get(String url, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("GET %s: %s", url, response.body()).isEqualTo(200);
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<String> newestFirst(List<String> oldestFirst) {
        List<String> reversed = new ArrayList<>(oldestFirst);
        Collections.reverse(reversed);
        return reversed;
    }

    private static String key(String timeline, long sequence) {
        return timeline + "/" + sequence;
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(json, e);
        }
    }

    /** Waits until the query service has applied every timeline up to the last post acknowledged on it. */
    Reckoning awaitProjected(String queryUrl) {
        Map<String, Long> last = acknowledged.stream().collect(Collectors.toMap(Editors.Acknowledged::timelineId,
                Editors.Acknowledged::sequence, Math::max));
        last.forEach((timeline, sequence) -> await("%s projected up to %d".formatted(timeline, sequence))
                .atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> lastSequence(queryUrl, timeline) >= sequence));
        return this;
    }

    /** The timeline's last applied sequence as readers are told it; -1 while the query service does not answer. */
    static long lastSequence(String queryUrl, String timeline) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create(queryUrl + "/api/timelines/" + timeline + "?limit=1")).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? read(response.body()).get("lastSequence").asLong() : -1;
        } catch (IOException notServing) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
