package news.timeline.command.publishing;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The events topic, created on first publish when missing (not at start-up: editors can work while Kafka is
 * down). It keeps events forever: it is the log that projections are rebuilt from.
 */
class TimelineTopic {

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
}
