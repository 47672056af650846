package news.timeline.query.consuming;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import news.timeline.events.CloudEventHeaders;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Reads the events topic and hands each partition's records to the {@link EventApplier}, from offsets stored with
 * the projections. A partition whose next event must not be skipped is paused ({@link #haltedPartitions()}); any
 * other failure is retried from the same offset.
 */
@Component
@EnableConfigurationProperties(ConsumerProperties.class)
public class ProjectionConsumer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ProjectionConsumer.class);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

    private final ConsumerProperties properties;
    private final EventApplier applier;
    private final OffsetStore offsets;
    private final ParkedRecords parked;
    private final MeterRegistry meters;
    private final Map<TopicPartition, String> halted = new ConcurrentHashMap<>();
    private final BlockingQueue<FutureTask<?>> exclusiveTasks = new LinkedBlockingQueue<>();
    private volatile Consumer<String, byte[]> consumer;
    private volatile Thread thread;
    private volatile boolean running;
    private volatile String refusal;

    ProjectionConsumer(ConsumerProperties properties, EventApplier applier, OffsetStore offsets,
                       ParkedRecords parked, MeterRegistry meters) {
        this.properties = properties;
        this.applier = applier;
        this.offsets = offsets;
        this.parked = parked;
        this.meters = meters;
    }

    /**
     * How many records of the partition are on the topic and not yet applied here, as the consumer last saw it
     * (Kafka's own {@code records-lag}); NaN while this instance does not consume the partition.
     */
    double lag(TopicPartition partition) {
        Consumer<String, byte[]> current = consumer;
        if (current == null) {
            return Double.NaN;
        }
        return current.metrics().entrySet().stream()
                .filter(metric -> metric.getKey().name().equals("records-lag")
                        && metric.getKey().group().equals("consumer-fetch-manager-metrics")
                        && String.valueOf(partition.partition()).equals(metric.getKey().tags().get("partition")))
                .mapToDouble(metric -> ((Number) metric.getValue().metricValue()).doubleValue())
                .findFirst().orElse(Double.NaN);
    }

    /** Connections the consumer holds to brokers now: none while Kafka is unreachable. */
    int brokerConnections() {
        Consumer<String, byte[]> current = consumer;
        if (current == null) {
            return 0;
        }
        return current.metrics().entrySet().stream()
                .filter(metric -> metric.getKey().name().equals("connection-count")
                        && metric.getKey().group().equals("consumer-metrics"))
                .mapToInt(metric -> ((Number) metric.getValue().metricValue()).intValue())
                .sum();
    }

    /** Why Kafka does not let the consumer in (a login or an ACL), while it does not. */
    Optional<String> refusal() {
        return Optional.ofNullable(refusal);
    }

    /** Partitions stopped on an event that must not be skipped, with the reason. */
    Map<TopicPartition, String> haltedPartitions() {
        return Map.copyOf(halted);
    }

    /**
     * Runs {@code task} on the consumer's own thread between two batches, so that nothing is applied while it
     * runs; how a rebuild takes over from the live projection at an exact offset.
     */
    public <T> T exclusively(Callable<T> task) throws Exception {
        if (!running) {
            return task.call();
        }
        FutureTask<T> future = new FutureTask<>(task);
        exclusiveTasks.add(future);
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    @Override
    public void start() {
        consumer = newConsumer();
        running = true;
        thread = new Thread(this::run, "projection-consumer");
        thread.start();
    }

    private Consumer<String, byte[]> newConsumer() {
        Map<String, Object> settings = properties.connection();
        settings.putAll(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, properties.groupId(),
                ConsumerConfig.CLIENT_ID_CONFIG, properties.groupId() + "-projections",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, properties.maxPollRecords(),
                // a member that died (kill -9, a lost machine) holds its partitions until its session ends: 10 s,
                // not Kafka's 45, before a restarted or surviving instance applies them again
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000,
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000));
        return new KafkaConsumer<>(settings, new StringDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public void stop() {
        running = false;
        Consumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            if (thread != null) {
                thread.join(Duration.ofSeconds(30).toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        try {
            while (running) {
                consumeUntilRefused();
            }
        } catch (WakeupException stopping) {
            // stop() woke the poll up
        } catch (RuntimeException e) {
            log.error("projection consumer stopped", e);
        } finally {
            running = false;
            exclusiveTasks.forEach(task -> task.cancel(false));
        }
    }

    /**
     * Polls and applies until Kafka refuses the consumer. A login refused or an ACL missing is for an operator to
     * mend, not a reason to stop for good: it is reported ({@link #refusal()}, so health is DOWN), and a fresh
     * consumer tries again (one that was refused a topic would not look at it again for minutes), going on from the
     * stored offsets once it is let in.
     */
    private void consumeUntilRefused() {
        try (Consumer<String, byte[]> polling = consumer) {
            polling.subscribe(List.of(properties.topic()), new SeekToStoredOffsets());
            while (running) {
                for (FutureTask<?> task = exclusiveTasks.poll(); task != null; task = exclusiveTasks.poll()) {
                    task.run();
                }
                ConsumerRecords<String, byte[]> records = polling.poll(Duration.ofMillis(500));
                if (refusal != null) {
                    log.info("Kafka lets the projections' consumer in again");
                    refusal = null;
                }
                for (TopicPartition partition : records.partitions()) {
                    applyOrHalt(partition, records.records(partition));
                }
            }
        } catch (AuthenticationException | AuthorizationException e) {
            if (refusal == null) {
                log.error("Kafka refuses the projections' consumer, trying again until it is let in: {}", e.toString());
            }
            refusal = e.toString();
            pauseBeforeRetry();
            consumer = newConsumer();
        }
    }

    private void applyOrHalt(TopicPartition partition, List<ConsumerRecord<String, byte[]>> records) {
        try {
            applier.apply(partition, records);
            if (log.isDebugEnabled()) {
                records.forEach(ProjectionConsumer::logProjected);
            }
        } catch (PartitionHaltedException e) {
            log.error("STOPPED consuming {}: {}. Nothing after it is applied until this is resolved.",
                    partition, e.getMessage(), e);
            halted.put(partition, e.getMessage());
            consumer.pause(Set.of(partition));
            consumer.seek(partition, records.get(0).offset());
        } catch (RuntimeException e) {
            log.warn("could not apply events of {} from offset {}, retrying: {}",
                    partition, records.get(0).offset(), e.toString());
            consumer.seek(partition, records.get(0).offset());
            pauseBeforeRetry();
        }
    }

    private void pauseBeforeRetry() {
        try {
            Thread.sleep(RETRY_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /**
     * A line for a record the projections hold now (applied, or found applied already), under the trace id of the
     * request that caused its event ({@code traceId} in the logging context, and in the text), to follow one post
     * from its request to here.
     */
    private static void logProjected(ConsumerRecord<String, byte[]> record) {
        Header trace = record.headers().lastHeader(CloudEventHeaders.TRACEPARENT);
        String traceparent = trace == null ? null : new String(trace.value(), StandardCharsets.UTF_8);
        String[] parts = traceparent == null ? new String[0] : traceparent.split("-");
        if (parts.length == 4) {
            MDC.put("traceId", parts[1]);
        }
        try {
            Header eventId = record.headers().lastHeader(CloudEventHeaders.ID);
            log.debug("projected event {} of timeline {} ({}-{}@{}) (trace {})",
                    eventId == null ? null : new String(eventId.value(), StandardCharsets.UTF_8), record.key(),
                    record.topic(), record.partition(), record.offset(), traceparent);
        } finally {
            MDC.remove("traceId");
        }
    }

    /** Every (re)assigned partition goes on from the offset stored with the projection, or from the beginning. */
    private final class SeekToStoredOffsets implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            // another instance may have parked records of these partitions' timelines while it held them
            parked.waiting();
            for (TopicPartition partition : partitions) {
                Gauge.builder("timeline.consumer.lag", ProjectionConsumer.this, projections -> projections.lag(partition))
                        .description("records of the partition not yet applied by this instance")
                        .tag("partition", String.valueOf(partition.partition())).register(meters);
                offsets.nextOffset(partition).ifPresentOrElse(
                        offset -> consumer.seek(partition, offset),
                        () -> consumer.seekToBeginning(List.of(partition)));
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // nothing to commit: offsets are stored with each applied batch
        }
    }
}
