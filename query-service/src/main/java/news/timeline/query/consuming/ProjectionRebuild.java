package news.timeline.query.consuming;

import com.zaxxer.hikari.HikariDataSource;
import jakarta.annotation.PreDestroy;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.flyway.FlywayProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Rebuilds every projection from offset 0 of the topic into fresh tables while the live ones keep serving, then
 * switches over. First it reads up to where the live projection stood when the rebuild began; then, on the live
 * consumer's thread (so the live projection stands still), up to where it stands now, compares checksums, and
 * copies the rebuilt rows over the live ones in one transaction. It only reads the topic: it publishes nothing,
 * and pushes nothing to readers.
 */
@Component
public class ProjectionRebuild {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuild.class);

    public enum State { NOT_STARTED, REBUILDING, SWITCHING, DONE, FAILED }

    /**
     * Where a rebuild is. {@code caughtUpAt}: every event applied, the checksums and the switch still to come;
     * {@code eventsPerSecond} is the rate of applying them (up to then). {@code live} and {@code rebuilt} are the
     * checksums compared at the switch.
     */
    public record Progress(State state, Instant startedAt, Instant caughtUpAt, Instant finishedAt, long recordsRead,
                           long recordsToRead, long eventsApplied, long eventsPerSecond, ProjectionChecksum live,
                           ProjectionChecksum rebuilt, String error) {
    }

    private final ConsumerProperties kafka;
    private final List<Projection> projections;
    private final JdbcTemplate liveJdbc;
    private final TransactionTemplate liveTransaction;
    private final OffsetStore liveOffsets;
    private final ProjectionConsumer liveConsumer;
    private final HikariDataSource livePool;
    private final FlywayProperties migrations;
    private final ApplicationEventPublisher events;
    private final AtomicReference<Progress> progress = new AtomicReference<>(
            new Progress(State.NOT_STARTED, null, null, null, 0, 0, 0, 0, null, null, null));
    private final AtomicLong recordsRead = new AtomicLong();
    private final AtomicLong eventsApplied = new AtomicLong();
    private volatile boolean shuttingDown;
    private volatile Instant caughtUpAt;

    ProjectionRebuild(ConsumerProperties kafka, List<Projection> projections, JdbcTemplate liveJdbc,
                      TransactionTemplate liveTransaction, OffsetStore liveOffsets, ProjectionConsumer liveConsumer,
                      HikariDataSource livePool, FlywayProperties migrations, ApplicationEventPublisher events) {
        this.kafka = kafka;
        this.projections = projections;
        this.liveJdbc = liveJdbc;
        this.liveTransaction = liveTransaction;
        this.liveOffsets = liveOffsets;
        this.liveConsumer = liveConsumer;
        this.livePool = livePool;
        this.migrations = migrations;
        this.events = events;
    }

    /** Starts a rebuild in the background, unless one is under way; answers where things stand. */
    public synchronized Progress start() {
        State state = progress.get().state();
        if (state == State.REBUILDING || state == State.SWITCHING) {
            return progress.get();
        }
        recordsRead.set(0);
        eventsApplied.set(0);
        caughtUpAt = null;
        progress.set(new Progress(State.REBUILDING, Instant.now(), null, null, 0, 0, 0, 0, null, null, null));
        Thread thread = new Thread(this::rebuild, "projection-rebuild");
        thread.setDaemon(true);
        thread.start();
        return progress.get();
    }

    /** A rebuild under way stops where it is when the service shuts down; the live projection stays as it was. */
    @PreDestroy
    void shutDown() {
        shuttingDown = true;
    }

    public Progress progress() {
        Progress now = progress.get();
        if (now.state() != State.REBUILDING && now.state() != State.SWITCHING) {
            return now;
        }
        return with(now.state(), now.recordsToRead(), null, null, null);
    }

    private void rebuild() {
        ProjectionChecksum[] checksums;
        try (RebuildSchema schema = RebuildSchema.create(liveJdbc, livePool, migrations);
             KafkaConsumer<String, byte[]> consumer = consumer()) {
            JdbcTemplate jdbc = new JdbcTemplate(schema.dataSource());
            TransactionTemplate transactions = new TransactionTemplate(
                    new DataSourceTransactionManager(schema.dataSource()));
            EventApplier applier = new EventApplier(projections, jdbc, new OffsetStore(jdbc),
                    new TimelinePositions(jdbc), transactions, List.of(applied -> eventsApplied.addAndGet(applied.size())));
            List<TopicPartition> partitions = consumer.partitionsFor(kafka.topic(), Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> start = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> target = liveTargets(start);
            long toRead = partitions.stream().mapToLong(p -> target.get(p) - start.get(p)).sum();
            progress.set(with(State.REBUILDING, toRead, null, null, null));
            readUpTo(consumer, applier, target);

            checksums = liveConsumer.exclusively(() -> {
                Map<TopicPartition, Long> now = liveTargets(start);
                progress.set(with(State.SWITCHING, partitions.stream()
                        .mapToLong(p -> now.get(p) - start.get(p)).sum(), null, null, null));
                readUpTo(consumer, applier, now);
                caughtUpAt = Instant.now();
                ProjectionChecksum live = ProjectionChecksum.of(liveJdbc, null);
                ProjectionChecksum rebuilt = ProjectionChecksum.of(liveJdbc, RebuildSchema.NAME);
                liveTransaction.executeWithoutResult(status -> schema.copyIntoLive());
                events.publishEvent(new ProjectionsReplaced(rebuilt));
                return new ProjectionChecksum[]{live, rebuilt};
            });
        } catch (Exception e) {
            if (shuttingDown) {
                log.info("projection rebuild stopped: the service is shutting down");
            } else {
                log.error("projection rebuild failed; the live projection is unchanged", e);
            }
            progress.set(with(State.FAILED, progress.get().recordsToRead(), null, null, e.toString()));
            return;
        }
        // done only now that its schema is dropped: a rebuild started next must not meet this one's clean-up
        progress.set(with(State.DONE, progress.get().recordsToRead(), checksums[0], checksums[1], null));
        log.info("projections rebuilt: {} events, {} events/s, checksum {} {} (live was {} {})", eventsApplied.get(),
                progress.get().eventsPerSecond(), checksums[1].sha256(), checksums[1].rows(), checksums[0].sha256(),
                checksums[0].rows());
    }

    /** Where the live projection stands in each partition (where it would start, if it has applied nothing). */
    private Map<TopicPartition, Long> liveTargets(Map<TopicPartition, Long> beginning) {
        Map<TopicPartition, Long> targets = new HashMap<>();
        beginning.forEach((partition, first) -> targets.put(partition, liveOffsets.nextOffset(partition).orElse(first)));
        return targets;
    }

    /** Applies every record before {@code target} in each partition, and nothing after it. */
    private void readUpTo(KafkaConsumer<String, byte[]> consumer, EventApplier applier,
                          Map<TopicPartition, Long> target) {
        consumer.resume(target.keySet());
        while (!shuttingDown) {
            List<TopicPartition> reached = target.keySet().stream()
                    .filter(partition -> consumer.position(partition) >= target.get(partition)).toList();
            consumer.pause(reached);
            if (reached.size() == target.size()) {
                return;
            }
            ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(200));
            for (TopicPartition partition : records.partitions()) {
                List<ConsumerRecord<String, byte[]>> before = records.records(partition).stream()
                        .filter(record -> record.offset() < target.get(partition)).toList();
                if (!before.isEmpty()) {
                    applier.apply(partition, before);
                    recordsRead.addAndGet(before.size());
                }
                if (consumer.position(partition) > target.get(partition)) {
                    consumer.seek(partition, target.get(partition));
                }
            }
        }
        throw new IllegalStateException("the service is shutting down");
    }

    private Progress with(State state, long toRead, ProjectionChecksum live, ProjectionChecksum rebuilt,
                          String error) {
        Progress before = progress.get();
        boolean finished = state == State.DONE || state == State.FAILED;
        Instant end = finished ? Instant.now() : null;
        Instant applying = caughtUpAt != null ? caughtUpAt : finished ? end : Instant.now();
        long millis = Math.max(1, Duration.between(before.startedAt(), applying).toMillis());
        return new Progress(state, before.startedAt(), caughtUpAt, end, recordsRead.get(), toRead,
                eventsApplied.get(), eventsApplied.get() * 1000 / millis, live, rebuilt, error);
    }

    private KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.CLIENT_ID_CONFIG, kafka.groupId() + "-rebuild",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000),
                new StringDeserializer(), new ByteArrayDeserializer());
    }
}
