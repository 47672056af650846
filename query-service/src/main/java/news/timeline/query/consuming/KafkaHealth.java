package news.timeline.query.consuming;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * DOWN while the projections' consumer holds no connection to any broker: readers would get a timeline that no
 * longer moves. Part of readiness, so that traffic goes to instances that can see new events.
 */
@Component("kafka")
class KafkaHealth implements HealthIndicator {

    private final ProjectionConsumer consumer;

    KafkaHealth(ProjectionConsumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public Health health() {
        int connections = consumer.brokerConnections();
        return connections > 0 ? Health.up().withDetail("connections", connections).build()
                : Health.down().withDetail("reason", "no connection to any Kafka broker").build();
    }
}
