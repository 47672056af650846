package news.timeline.command.publishing;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Future;

/**
 * The relay's Kafka producer: acknowledged by every in-sync replica, never duplicated by its own retries, kept in
 * order. Replaceable, because a producer that knew a topic goes on trusting what it knew (its leaders and epochs)
 * after the topic was deleted and created again; a republish starts with a fresh one.
 */
class TimelineProducer implements AutoCloseable {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final Map<String, Object> connection;
    private volatile Producer<String, byte[]> producer;

    /** {@code connection}: the brokers and how to sign in to them. */
    TimelineProducer(Map<String, Object> connection) {
        this.connection = connection;
        this.producer = create();
    }

    Future<RecordMetadata> send(ProducerRecord<String, byte[]> record) {
        return producer.send(record);
    }

    /** Only while nothing is being sent: the relay is stopped. */
    synchronized void renew() {
        Producer<String, byte[]> old = producer;
        producer = create();
        old.close(CLOSE_TIMEOUT);
    }

    /** Bounded: a send not acknowledged by then was not committed by the relay, and goes out again next time. */
    @Override
    public void close() {
        producer.close(CLOSE_TIMEOUT);
    }

    private Producer<String, byte[]> create() {
        Map<String, Object> settings = new HashMap<>(connection);
        settings.putAll(Map.of(
                ProducerConfig.CLIENT_ID_CONFIG, "command-service-publisher",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
                ProducerConfig.LINGER_MS_CONFIG, 1,
                // while Kafka is away the producer itself keeps retrying for this long, then the batch is retried
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000));
        return new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer());
    }
}
