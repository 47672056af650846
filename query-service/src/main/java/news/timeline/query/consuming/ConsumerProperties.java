package news.timeline.query.consuming;

import news.timeline.events.Topics;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.HashMap;
import java.util.Map;

/**
 * Where the projections read events from; instances with one group id share the topic's partitions. {@code client}:
 * Kafka client settings every consumer of the service gets, such as how it signs in ({@code security.protocol},
 * {@code sasl.mechanism}, {@code sasl.jaas.config}).
 */
@ConfigurationProperties("timeline.kafka")
public record ConsumerProperties(
        @DefaultValue("127.0.0.1:9092") String bootstrapServers,
        @DefaultValue Map<String, String> client,
        @DefaultValue("query-service") String groupId,
        @DefaultValue(Topics.TIMELINE_EVENTS) String topic,
        @DefaultValue("500") int maxPollRecords) {

    /** Where the brokers are and how to sign in: what every consumer of the service starts from. */
    public Map<String, Object> connection() {
        Map<String, Object> connection = new HashMap<>(client);
        connection.put("bootstrap.servers", bootstrapServers);
        return connection;
    }
}
