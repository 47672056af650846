package news.timeline.command.publishing;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The events topic, created on first publish when missing (not at start-up: editors can work while Kafka is
 * down). It keeps events forever: it is the log that projections are rebuilt from.
 */
class TimelineTopic implements AutoCloseable {

    private final Admin admin;
    private final PublishingProperties.Topic settings;
    private volatile boolean exists;

    TimelineTopic(Admin admin, PublishingProperties.Topic settings) {
        this.admin = admin;
        this.settings = settings;
    }

    String name() {
        return settings.name();
    }

    /** Bounded, so that a broker already gone cannot hold up shutting down. */
    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }

    /** The topic may have been lost since it was last seen: look (and create it) again on the next publish. */
    void forget() {
        exists = false;
    }

    void ensureExists() {
        if (exists) {
            return;
        }
        NewTopic topic = new NewTopic(settings.name(), settings.partitions(), settings.replicationFactor())
                .configs(Map.of(
                        TopicConfig.RETENTION_MS_CONFIG, "-1",
                        TopicConfig.RETENTION_BYTES_CONFIG, "-1",
                        TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(settings.minInSyncReplicas())));
        try {
            admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            awaitLeaders();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new KafkaUnavailableException("cannot create topic " + settings.name(), e.getCause());
            }
        } catch (TimeoutException e) {
            throw new KafkaUnavailableException("cannot reach Kafka to create topic " + settings.name(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException("interrupted", e);
        }
        exists = true;
    }

    /**
     * A topic just created takes a moment before its leaders serve it, even after the controller names them; a send
     * before that fails and is retried, and an idempotent producer's retries into a brand-new partition can wedge
     * on sequence numbers. So the first sends wait until every partition's leader answers for it. The broker asked
     * may not know the topic at all yet either: describing it then fails the same way, and is asked again.
     */
    private void awaitLeaders() throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                TopicDescription description = admin.describeTopics(List.of(settings.name())).allTopicNames()
                        .get(30, TimeUnit.SECONDS).get(settings.name());
                Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
                description.partitions().forEach(partition -> partitions.put(
                        new TopicPartition(settings.name(), partition.partition()), OffsetSpec.latest()));
                admin.listOffsets(partitions).all().get(30, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
            }
            Thread.sleep(50);
        }
    }
}
