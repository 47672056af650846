package news.timeline.query.rebuild;

import com.zaxxer.hikari.HikariDataSource;
import jakarta.annotation.PreDestroy;
import news.timeline.query.consuming.ConsumerProperties;
import news.timeline.query.consuming.EventApplier;
import news.timeline.query.consuming.OffsetStore;
import news.timeline.query.consuming.ProjectionConsumer;
import news.timeline.query.store.DeclaredTables;
import news.timeline.query.store.Projection;
import news.timeline.query.store.Table;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.flyway.FlywayProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Rebuilds every projection from offset 0 of the topic into fresh tables while the live ones keep serving, with a
 * worker per core, then catches up and switches over, holding the live consumer only briefly: once to fix a
 * snapshot both checksums are read in ({@link LiveSnapshot}), once to swap the tables in. It publishes nothing.
 */
@Component
public class ProjectionRebuild {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuild.class);

    public enum State { NOT_STARTED, REBUILDING, SWITCHING, DONE, FAILED }

    /**
     * Where a rebuild is: {@code caughtUpAt} once it has applied what the live projection had at its start, the
     * checksums compared at the switch, and how long the live projection stood still for it.
     */
    public record Progress(State state, Instant startedAt, Instant caughtUpAt, Instant finishedAt, long recordsRead,
                           long recordsToRead, long eventsApplied, long eventsPerSecond, ProjectionChecksum live,
                           ProjectionChecksum rebuilt, long livePausedMillis, String error) {
    }

    private final ConsumerProperties kafka;
    private final List<Projection> projections;
    /** Every table declared, in one order: what is rebuilt, checksummed and swapped. */
    private final List<Table> tables;
    private final JdbcTemplate liveJdbc;
    private final TransactionTemplate liveTransaction;
    private final OffsetStore liveOffsets;
    private final ProjectionConsumer liveConsumer;
    private final HikariDataSource livePool;
    private final FlywayProperties migrations;
    private final ApplicationEventPublisher events;
    private final int workerCount;
    private final AtomicReference<Progress> progress = new AtomicReference<>(
            new Progress(State.NOT_STARTED, null, null, null, 0, 0, 0, 0, null, null, 0, null));
    private final AtomicLong recordsRead = new AtomicLong();
    private final AtomicLong eventsApplied = new AtomicLong();
    private volatile boolean shuttingDown;
    private volatile Instant caughtUpAt;
    private volatile long rate;
    private volatile long livePausedMillis;

    ProjectionRebuild(ConsumerProperties kafka, List<Projection> projections, List<DeclaredTables> declared,
                      JdbcTemplate liveJdbc,
                      TransactionTemplate liveTransaction, OffsetStore liveOffsets, ProjectionConsumer liveConsumer,
                      HikariDataSource livePool, FlywayProperties migrations, ApplicationEventPublisher events,
                      @Value("${timeline.rebuild.workers:#{T(java.lang.Runtime).getRuntime().availableProcessors()}}")
                      int workerCount) {
        this.kafka = kafka;
        this.projections = projections;
        this.tables = declared.stream().flatMap(owner -> owner.tables().stream())
                .sorted(Comparator.comparing(Table::name)).toList();
        this.liveJdbc = liveJdbc;
        this.liveTransaction = liveTransaction;
        this.liveOffsets = liveOffsets;
        this.liveConsumer = liveConsumer;
        this.livePool = livePool;
        this.migrations = migrations;
        this.events = events;
        this.workerCount = Math.max(1, workerCount);
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
        rate = 0;
        livePausedMillis = 0;
        progress.set(new Progress(State.REBUILDING, Instant.now(), null, null, 0, 0, 0, 0, null, null, 0, null));
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
        ProjectionChecksum live;
        ProjectionChecksum rebuilt;
        try (RebuildSchema schema = RebuildSchema.create(liveJdbc, tables, livePool, migrations,
                workerCount);
             Workers workers = new Workers(schema)) {
            Map<TopicPartition, Long> start = workers.beginning();
            Map<TopicPartition, Long> target = liveTargets(start);
            progress.set(with(State.REBUILDING, toRead(start, target), null, null, null));
            workers.readUpTo(target);
            Instant applied = Instant.now();
            schema.buildDeferredIndexes();
            caughtUp();
            log.info("projection rebuild: {} events applied in {} ms, then the deferred indexes built in {} ms",
                    eventsApplied.get(), Duration.between(progress.get().startedAt(), applied).toMillis(),
                    Duration.between(applied, caughtUpAt).toMillis());
            schema.prepareToReplaceLive();
            workers.readUpTo(liveTargets(start));

            try (LiveSnapshot snapshot = LiveSnapshot.open(livePool)) {
                held(() -> {
                    Map<TopicPartition, Long> now = liveTargets(start);
                    progress.set(with(State.SWITCHING, toRead(start, now), null, null, null));
                    workers.readUpTo(now);
                    snapshot.take();
                    return null;
                });
                // the live projection goes on; the snapshot still sees it where the rebuilt one stands
                live = ProjectionChecksum.of(snapshot.jdbc(), null, tables);
                rebuilt = ProjectionChecksum.of(snapshot.jdbc(), RebuildSchema.NAME, tables);
            }
            held(() -> {
                workers.readUpTo(liveTargets(start));
                liveTransaction.executeWithoutResult(status -> schema.replaceLive());
                events.publishEvent(new ProjectionsReplaced(rebuilt));
                return null;
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
        progress.set(with(State.DONE, progress.get().recordsToRead(), live, rebuilt, null));
        log.info("projections rebuilt: {} events, {} events/s, checksum {} {} (live was {} {}), live projection "
                        + "held {} ms", eventsApplied.get(), progress.get().eventsPerSecond(), rebuilt.sha256(),
                rebuilt.rows(), live.sha256(), live.rows(), livePausedMillis);
    }

    /** Runs {@code step} on the live consumer's thread, which applies nothing meanwhile, and counts the time. */
    private void held(Callable<?> step) throws Exception {
        long heldAt = System.nanoTime();
        try {
            liveConsumer.exclusively(step);
        } finally {
            livePausedMillis += TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - heldAt);
        }
    }

    /** The rate reported is this first pass's; the catch-ups after it are a few events each. */
    private void caughtUp() {
        Instant now = Instant.now();
        rate = perSecond(now);
        caughtUpAt = now;
    }

    private static long toRead(Map<TopicPartition, Long> start, Map<TopicPartition, Long> target) {
        return start.keySet().stream().mapToLong(partition -> target.get(partition) - start.get(partition)).sum();
    }

    /** Where the live projection stands in each partition (where it would start, if it has applied nothing). */
    private Map<TopicPartition, Long> liveTargets(Map<TopicPartition, Long> beginning) {
        Map<TopicPartition, Long> targets = new HashMap<>();
        beginning.forEach((partition, first) -> targets.put(partition, liveOffsets.nextOffset(partition).orElse(first)));
        return targets;
    }

    /**
     * The rebuild's readers, each with a share of the partitions, its own consumer and connection: a timeline lives in
     * one partition, so they never write the same rows, and the database works on a batch per core.
     */
    private final class Workers implements AutoCloseable {

        private final List<Worker> workers = new ArrayList<>();
        private final ExecutorService threads;
        private volatile boolean abandoned;

        Workers(RebuildSchema schema) {
            List<TopicPartition> partitions;
            try (KafkaConsumer<String, byte[]> metadata = consumer("metadata")) {
                partitions = metadata.partitionsFor(kafka.topic(), Duration.ofSeconds(30)).stream()
                        .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            }
            // none at all for a topic that does not exist yet: then there is nothing to rebuild from
            int count = Math.min(workerCount, partitions.size());
            try {
                for (int i = 0; i < count; i++) {
                    int index = i;
                    List<TopicPartition> share = partitions.stream()
                            .filter(partition -> partition.partition() % count == index).toList();
                    workers.add(new Worker(consumer(String.valueOf(i)), applier(schema), share));
                }
            } catch (RuntimeException e) {
                workers.forEach(worker -> worker.consumer.close());
                throw e;
            }
            AtomicInteger started = new AtomicInteger();
            threads = Executors.newFixedThreadPool(Math.max(1, count), runnable -> {
                Thread thread = new Thread(runnable, "projection-rebuild-" + started.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
        }

        Map<TopicPartition, Long> beginning() {
            Map<TopicPartition, Long> beginning = new HashMap<>();
            workers.forEach(worker -> beginning.putAll(worker.consumer.beginningOffsets(worker.partitions)));
            return beginning;
        }

        /** Every worker applies its partitions up to {@code target}; the first failure stops them all. */
        void readUpTo(Map<TopicPartition, Long> target) throws Exception {
            List<Future<?>> running = new ArrayList<>();
            workers.forEach(worker -> running.add(threads.submit(() -> worker.readUpTo(target, this))));
            try {
                for (Future<?> worker : running) {
                    worker.get();
                }
            } catch (ExecutionException e) {
                abandoned = true;
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        }

        boolean stopping() {
            return shuttingDown || abandoned;
        }

        @Override
        public void close() throws InterruptedException {
            abandoned = true;
            threads.shutdown();
            threads.awaitTermination(30, TimeUnit.SECONDS);
            workers.forEach(worker -> worker.consumer.close());
        }

        private EventApplier applier(RebuildSchema schema) {
            return EventApplier.into(schema.dataSource(), projections,
                    applied -> eventsApplied.addAndGet(applied.size()));
        }
    }

    private final class Worker {

        private final KafkaConsumer<String, byte[]> consumer;
        private final EventApplier applier;
        private final List<TopicPartition> partitions;

        Worker(KafkaConsumer<String, byte[]> consumer, EventApplier applier, List<TopicPartition> partitions) {
            this.consumer = consumer;
            this.applier = applier;
            this.partitions = partitions;
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        /** Applies every record before {@code target} in each of its partitions, and nothing after it. */
        void readUpTo(Map<TopicPartition, Long> target, Workers all) {
            consumer.resume(partitions);
            while (!all.stopping()) {
                List<TopicPartition> reached = partitions.stream()
                        .filter(partition -> consumer.position(partition) >= target.get(partition)).toList();
                consumer.pause(reached);
                if (reached.size() == partitions.size()) {
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
            throw new IllegalStateException(shuttingDown ? "the service is shutting down" : "another worker failed");
        }
    }

    private Progress with(State state, long toRead, ProjectionChecksum live, ProjectionChecksum rebuilt,
                          String error) {
        Progress before = progress.get();
        boolean finished = state == State.DONE || state == State.FAILED;
        Instant end = finished ? Instant.now() : null;
        long perSecond = caughtUpAt != null ? rate : perSecond(finished ? end : Instant.now());
        return new Progress(state, before.startedAt(), caughtUpAt, end, recordsRead.get(), toRead,
                eventsApplied.get(), perSecond, live, rebuilt, livePausedMillis, error);
    }

    private long perSecond(Instant until) {
        long millis = Math.max(1, Duration.between(progress.get().startedAt(), until).toMillis());
        return eventsApplied.get() * 1000 / millis;
    }

    private KafkaConsumer<String, byte[]> consumer(String name) {
        Map<String, Object> settings = kafka.connection();
        settings.putAll(Map.of(
                ConsumerConfig.CLIENT_ID_CONFIG, kafka.groupId() + "-rebuild-" + name,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                // a batch is one partition's records of a poll, applied in one transaction: larger batches
                // rewrite each timeline's position and each corrected post less often (docs/PERFORMANCE.md)
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000,
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024));
        return new KafkaConsumer<>(settings, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
