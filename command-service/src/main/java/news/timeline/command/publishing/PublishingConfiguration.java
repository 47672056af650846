package news.timeline.command.publishing;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Map;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PublishingProperties.class)
class PublishingConfiguration {

    @Bean(destroyMethod = "close")
    TimelineProducer timelineProducer(PublishingProperties properties) {
        return new TimelineProducer(properties.connection());
    }

    @Bean(destroyMethod = "close")
    TimelineTopic timelineTopic(PublishingProperties properties) {
        Map<String, Object> settings = properties.connection();
        settings.putAll(Map.of(
                AdminClientConfig.CLIENT_ID_CONFIG, "command-service-admin",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000));
        return new TimelineTopic(Admin.create(settings), properties.topic());
    }

    /**
     * A failed publish must stop the processor, not be logged and skipped (Axon's default): the batch rolls back,
     * the token stays, and the processor retries with back-off until Kafka takes the events.
     */
    @Bean
    ConfigurerModule publisherErrorHandling() {
        return configurer -> configurer.eventProcessing().registerListenerInvocationErrorHandler(
                KafkaPublisher.PROCESSING_GROUP, configuration -> PropagatingErrorHandler.instance());
    }
}
