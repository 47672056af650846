package news.timeline.system;

import com.fasterxml.jackson.databind.JsonNode;
import news.timeline.embedded.EmbeddedStack;
import news.timeline.embedded.StackOptions;
import news.timeline.kafka.SharedKafka;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The promise a stranger can check: README's Python verifier, run as written on the records of the Kafka topic
 * (read with a plain consumer, nothing of ours in between), finds every timeline intact, emoji and all, with the
 * same head as the auditors' {@code verify}.
 */
class ReadmeVerifierOnTheTopicTest {

    private final Http http = new Http();

    @Test
    void readmesPythonVerifierAgreesWithEveryHashOnTheTopic(@TempDir Path dataDir) throws Exception {
        assumeTrue(new ProcessBuilder("python3", "--version").start().waitFor(10, TimeUnit.SECONDS),
                "python3 is not on this machine");
        String topic = "readme-verifier-" + dataDir.getFileName();
        try (EmbeddedStack stack = EmbeddedStack.start(StackOptions.forTests(dataDir, SharedKafka.bootstrapServers())
                .withDemo().onTopic(topic))) {
            Newsroom newsroom = new Newsroom(stack);
            newsroom.post("ukip-campaign", "Count under way 🗳️ in Clacton 👍🏽");
            String emoji = newsroom.post("ukip-campaign", "Declared: 𝐔𝐊𝐈𝐏 gain 🎉");
            long last = newsroom.command("PUT", "/api/timelines/ukip-campaign/updates/" + emoji,
                    "{\"headline\":\"Declared: UKIP gain 🎉🎉\",\"blocks\":[],\"change\":{\"kind\":\"TYPO\"}}",
                    "\"1\"").json().get("sequence").asLong();
            newsroom.awaitLastSequence("ukip-campaign", last);

            Map<String, StringBuilder> timelines = recordsByTimeline(stack.bootstrapServers(), topic);
            assertThat(timelines).containsKey("ukip-campaign");
            for (Map.Entry<String, StringBuilder> timeline : timelines.entrySet()) {
                JsonNode verified = http.send("auditor", "GET", stack.queryUrl() + "/api/audit/timelines/"
                        + timeline.getKey() + "/verify", null, null).json();

                assertThat(Readme.verifyChain(dataDir, timeline.getValue().toString())).isEqualTo("intact, %d events, head %s",
                        verified.get("verifiedEvents").asLong(), verified.get("head").asText());
            }
        }
    }

    /** Every record's value, one line each, per timeline (the key) in the order the topic holds them. */
    private static Map<String, StringBuilder> recordsByTimeline(String bootstrapServers, String topic) {
        Map<String, StringBuilder> timelines = new LinkedHashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofSeconds(1))) {
                    timelines.computeIfAbsent(record.key(), key -> new StringBuilder())
                            .append(record.value()).append('\n');
                }
            }
        }
        return timelines;
    }
}
