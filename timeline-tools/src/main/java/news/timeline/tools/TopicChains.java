package news.timeline.tools;

import com.fasterxml.jackson.databind.JsonNode;
import news.timeline.events.EventChain;
import news.timeline.events.EventJson;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads a topic of timeline events from its first offset to the end it had when reading began, and checks each
 * timeline's hash chain on the way (a timeline's events share one partition, in order). Nothing but the records:
 * no service, no database. Joins no consumer group and commits nothing.
 */
final class TopicChains {

    private TopicChains() {
    }

    /**
     * Each timeline's verification, by id; {@code timelines} empty means every timeline on the topic. {@code kafka}:
     * the bootstrap servers and any other client settings (how to sign in).
     */
    static Map<String, EventChain.Verifier> verify(Map<String, Object> kafka, String topic, Set<String> timelines) {
        Map<String, EventChain.Verifier> chains = new TreeMap<>();
        Map<String, Object> settings = new HashMap<>(kafka);
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(settings,
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> partitionInfos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            if (partitionInfos == null || partitionInfos.isEmpty()) {
                throw new IllegalArgumentException("no topic " + topic + " at "
                        + settings.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG));
            }
            List<TopicPartition> partitions = partitionInfos.stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))
                            && (timelines.isEmpty() || timelines.contains(record.key()))) {
                        EventChain.Verifier chain = chains.computeIfAbsent(record.key(), key -> new EventChain.Verifier());
                        chain.accept(tree(record));
                    }
                }
            }
        }
        return chains;
    }

    /** A record that is not JSON at all is as broken as a changed one: it is checked as an empty event. */
    private static JsonNode tree(ConsumerRecord<String, byte[]> record) {
        try {
            return EventJson.mapper().readTree(record.value());
        } catch (IOException e) {
            return EventJson.mapper().createObjectNode();
        }
    }
}
