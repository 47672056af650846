package news.timeline.query.consuming;

import org.apache.kafka.common.TopicPartition;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * DOWN while any partition is halted, any timeline's records are parked or Kafka refuses the consumer, so that
 * monitoring shouts where the log alone might go unread.
 */
@Component("projections")
class ProjectionHealth extends AbstractHealthIndicator {

    private final ProjectionConsumer consumer;
    private final ParkedRecords parked;

    ProjectionHealth(ProjectionConsumer consumer, ParkedRecords parked) {
        this.consumer = consumer;
        this.parked = parked;
    }

    /** The parked records as last read, so that health answers at once with the database away. */
    @Override
    protected void doHealthCheck(Health.Builder health) {
        Map<TopicPartition, String> halted = consumer.haltedPartitions();
        if (!consumer.isRunning()) {
            health.down().withDetail("consumer", "not running");
            return;
        }
        List<ParkedRecords.Waiting> waiting = parked.lastRead();
        Optional<String> refusal = consumer.refusal();
        if (halted.isEmpty() && waiting.isEmpty() && refusal.isEmpty()) {
            health.up();
            return;
        }
        health.down();
        refusal.ifPresent(reason -> health.withDetail("kafka", "refuses the consumer: " + reason));
        halted.forEach((partition, reason) -> health.withDetail(partition.toString(), reason));
        waiting.forEach(timeline -> health.withDetail("parked " + timeline.timelineId(), timeline.records()
                + " records wait (see /api/admin/parked): " + timeline.first().reason()));
    }
}
