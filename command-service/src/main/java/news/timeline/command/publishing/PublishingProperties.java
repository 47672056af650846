package news.timeline.command.publishing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Where and how events are published. */
@ConfigurationProperties("timeline.kafka")
record PublishingProperties(
        @DefaultValue("127.0.0.1:9092") String bootstrapServers,
        @DefaultValue Topic topic) {

    record Topic(
            @DefaultValue(news.timeline.events.Topics.TIMELINE_EVENTS) String name,
            @DefaultValue("6") int partitions,
            @DefaultValue("1") short replicationFactor,
            @DefaultValue("1") int minInSyncReplicas) {
    }
}
