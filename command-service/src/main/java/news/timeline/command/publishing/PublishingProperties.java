package news.timeline.command.publishing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.HashMap;
import java.util.Map;

/**
 * Where and how events are published. {@code client}: Kafka client settings every client of the service gets, such
 * as how it signs in ({@code security.protocol}, {@code sasl.mechanism}, {@code sasl.jaas.config}).
 */
@ConfigurationProperties("timeline.kafka")
record PublishingProperties(
        @DefaultValue("127.0.0.1:9092") String bootstrapServers,
        @DefaultValue Map<String, String> client,
        @DefaultValue Topic topic) {

    /** Where the brokers are and how to sign in: what every Kafka client of the service starts from. */
    Map<String, Object> connection() {
        Map<String, Object> connection = new HashMap<>(client);
        connection.put("bootstrap.servers", bootstrapServers);
        return connection;
    }

    record Topic(
            @DefaultValue(news.timeline.events.Topics.TIMELINE_EVENTS) String name,
            @DefaultValue("6") int partitions,
            @DefaultValue("1") short replicationFactor,
            @DefaultValue("1") int minInSyncReplicas) {
    }
}
