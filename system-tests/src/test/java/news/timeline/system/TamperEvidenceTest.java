package news.timeline.system;

import com.fasterxml.jackson.databind.JsonNode;
import news.timeline.embedded.EmbeddedStack;
import news.timeline.embedded.StackOptions;
import news.timeline.events.Topics;
import news.timeline.kafka.SharedKafka;
import news.timeline.tools.TimelineTools;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The hash chain end to end: recorded by the command service, checked by the query service's verify endpoint and
 * by the command-line verifier reading the topic. One changed event is reported at exactly its sequence by both.
 */
class TamperEvidenceTest {

    private static EmbeddedStack stack;
    private static Newsroom newsroom;
    private final Http http = new Http();

    @BeforeAll
    static void startStack(@TempDir Path dataDir) {
        stack = EmbeddedStack.start(StackOptions.forTests(dataDir, SharedKafka.bootstrapServers())
                .withArguments("--timeline.kafka.group-id=tamper-" + dataDir.getFileName()));
        newsroom = new Newsroom(stack);
    }

    @AfterAll
    static void stopStack() {
        stack.close();
    }

    @Test
    void bothVerifiersFindTheChainIntactThenReportAChangedEventAtItsSequence() throws Exception {
        String tid = storyWithACorrection();
        JsonNode verified = verify(tid);
        assertThat(verified.get("intact").asBoolean()).isTrue();
        assertThat(verified.get("verifiedEvents").asLong()).isEqualTo(4);
        Cli intact = cli(Topics.TIMELINE_EVENTS, tid);
        assertThat(intact.exit()).isEqualTo(TimelineTools.SUCCESS);
        assertThat(intact.out()).isEqualTo(tid + ": intact, 4 events, head " + verified.get("head").asText() + "\n");

        // the projection's copy of the post is made to say what the correction later fixed
        JdbcTemplate projection = stack.queryService().getBean(JdbcTemplate.class);
        projection.update("UPDATE audit_entry SET envelope = REPLACE(envelope, 'Carwswell', 'Carswell') "
                + "WHERE timeline_id = ? AND sequence = 1", tid);
        JsonNode tampered = verify(tid);
        assertThat(tampered.get("intact").asBoolean()).isFalse();
        assertThat(tampered.get("broken").get("sequence").asLong()).isEqualTo(1);
        assertThat(tampered.get("broken").get("reason").asText()).startsWith("changed since it was recorded");

        // and a copy of the topic in which the same record was changed
        String copy = "tampered-" + UUID.randomUUID();
        copyTimeline(tid, copy, "Carwswell", "Carswell");
        Cli broken = cli(copy, tid);
        assertThat(broken.exit()).isEqualTo(TimelineTools.FAILURE);
        assertThat(broken.out()).startsWith(tid + ": BROKEN at sequence 1: changed since it was recorded");
    }

    private String storyWithACorrection() {
        String tid = "tamper-" + UUID.randomUUID().toString().substring(0, 8);
        newsroom.command("POST", "/api/timelines", "{\"id\":\"" + tid + "\",\"title\":\"Clacton by-election\"}", null);
        String uid = newsroom.command("POST", "/api/timelines/" + tid + "/updates", """
                {"headline":"Media scrum","blocks":[{"type":"paragraph","text":"Douglas Carwswell arrives."}]}""", null)
                .json().get("updateId").asText();
        newsroom.command("PUT", "/api/timelines/" + tid + "/updates/" + uid, """
                {"headline":"Media scrum","blocks":[{"type":"paragraph","text":"Douglas Carswell arrives."}],
                 "change":{"kind":"CORRECTION","note":"Spelling of Carswell"}}""", "\"1\"");
        newsroom.command("PUT", "/api/timelines/" + tid + "/pin", "{\"updateId\":\"" + uid + "\"}", null);
        newsroom.awaitLastSequence(tid, 3);
        return tid;
    }

    private JsonNode verify(String tid) {
        Http.Response response = http.send("auditor", "GET",
                stack.queryUrl() + "/api/audit/timelines/" + tid + "/verify", null, null);
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }

    private record Cli(int exit, String out) {
    }

    /** The command line as an auditor runs it: the executable jar the build made, in a process of its own. */
    private static Cli cli(String topic, String tid) throws Exception {
        Path jar = Path.of("..", "timeline-tools", "target", "timeline-tools-exec.jar");
        Process verifier = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "verify-chain", "--bootstrap-servers", stack.bootstrapServers(),
                "--topic", topic, "--timeline", tid).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(verifier.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(verifier.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Cli(verifier.exitValue(), out);
    }

    private static void copyTimeline(String tid, String topic, String from, String to) throws Exception {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.TIMELINE_EVENTS).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (record.key().equals(tid)) {
                        records.add(record);
                    }
                });
                return records.size() >= 4;
            });
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            records.forEach(record -> producer.send(new ProducerRecord<>(topic, tid, record.value().replace(from, to))));
        }
    }

}
