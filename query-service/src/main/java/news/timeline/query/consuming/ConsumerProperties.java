package news.timeline.query.consuming;

import news.timeline.events.Topics;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Where the projections read events from; instances with one group id share the topic's partitions. */
@ConfigurationProperties("timeline.kafka")
public record ConsumerProperties(
        @DefaultValue("127.0.0.1:9092") String bootstrapServers,
        @DefaultValue("query-service") String groupId,
        @DefaultValue(Topics.TIMELINE_EVENTS) String topic,
        @DefaultValue("500") int maxPollRecords) {
}
