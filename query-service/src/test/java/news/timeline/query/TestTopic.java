package news.timeline.query;

import news.timeline.events.EventEnvelope;
import news.timeline.events.EventJson;
import news.timeline.kafka.SharedKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

/** A fresh topic on the shared broker for one test class, its consumer group, and a producer writing to it. */
public final class TestTopic implements AfterAllCallback {

    private final String name;
    private KafkaProducer<String, byte[]> producer;

    public TestTopic(String prefix) {
        this.name = prefix + "-" + UUID.randomUUID();
    }

    /** Creates the topic (2 partitions) and points the query service at it, in a group of its own. */
    public void register(DynamicPropertyRegistry registry) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(name, 2, (short) 1))).all().get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("cannot create topic " + name, e);
        }
        registry.add("timeline.kafka.bootstrap-servers", SharedKafka::bootstrapServers);
        registry.add("timeline.kafka.topic", () -> name);
        registry.add("timeline.kafka.group-id", () -> name);
    }

    public synchronized void send(List<EventEnvelope> events) {
        for (EventEnvelope event : events) {
            producer().send(new ProducerRecord<>(name, event.timelineId(), EventJson.write(event)));
        }
        producer.flush();
    }

    /** Any bytes at all, keyed by {@code timelineId}: what a broken or newer producer might write. */
    synchronized void sendRaw(String timelineId, byte[] value) {
        producer().send(new ProducerRecord<>(name, timelineId, value));
        producer.flush();
    }

    private KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers()),
                    new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    public static long lastSequence(JdbcTemplate jdbc, String timelineId) {
        return jdbc.queryForList("SELECT last_sequence FROM timeline_position WHERE timeline_id = ?", Long.class,
                timelineId).stream().findFirst().orElse(-1L);
    }

    /** Closes the producer once the test class is done. */
    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (producer != null) {
            producer.close();
        }
    }
}
