package news.timeline.query.consuming;

import org.apache.kafka.common.TopicPartition;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

import java.util.Map;

/** DOWN while any partition is halted, so that monitoring shouts where the log alone might go unread. */
@Component("projections")
class ProjectionHealth implements HealthIndicator {

    private final ProjectionConsumer consumer;

    ProjectionHealth(ProjectionConsumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public Health health() {
        Map<TopicPartition, String> halted = consumer.haltedPartitions();
        if (!consumer.isRunning()) {
            return Health.down().withDetail("consumer", "not running").build();
        }
        if (halted.isEmpty()) {
            return Health.up().build();
        }
        Health.Builder down = Health.down();
        halted.forEach((partition, reason) -> down.withDetail(partition.toString(), reason));
        return down.build();
    }
}
