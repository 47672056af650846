package news.timeline.command;

import news.timeline.events.Topics;
import news.timeline.kafka.SharedKafka;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/** What the relay put on the shared broker's events topic for one timeline, read from the start. */
public final class PublishedRecords {

    private PublishedRecords() {
    }

    /** The timeline's records in order, once there are at least {@code expected} of them. */
    public static List<ConsumerRecord<String, byte[]>> of(String timelineId, int expected) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers()),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            // the relay creates the topic on its first publish
            await().atMost(Duration.ofSeconds(30)).until(() -> !consumer.partitionsFor(Topics.TIMELINE_EVENTS).isEmpty());
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.TIMELINE_EVENTS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (r.key().equals(timelineId)) {
                        records.add(r);
                    }
                });
                return records.size() >= expected;
            });
        }
        return records;
    }
}
