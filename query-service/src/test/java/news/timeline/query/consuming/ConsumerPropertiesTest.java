package news.timeline.query.consuming;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** How an operator's environment reaches every Kafka client of the service (README's settings table). */
class ConsumerPropertiesTest {

    @Test
    void clientSettingsComeFromTheEnvironmentWithTheirDottedNames() {
        ConsumerProperties properties = bind(Map.of(
                "TIMELINE_KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092",
                "TIMELINE_KAFKA_CLIENT_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                "TIMELINE_KAFKA_CLIENT_SASL_MECHANISM", "PLAIN",
                "TIMELINE_KAFKA_CLIENT_SASL_JAAS_CONFIG", "PlainLoginModule required username=\"query-service\";"));

        assertThat(properties.connection()).containsOnly(
                Map.entry("bootstrap.servers", "kafka-1:9092"),
                Map.entry("security.protocol", "SASL_PLAINTEXT"),
                Map.entry("sasl.mechanism", "PLAIN"),
                Map.entry("sasl.jaas.config", "PlainLoginModule required username=\"query-service\";"));
    }

    @Test
    void withoutThemAClientConnectsPlainly() {
        assertThat(bind(Map.of()).connection()).containsOnly(Map.entry("bootstrap.servers", "127.0.0.1:9092"));
    }

    private static ConsumerProperties bind(Map<String, Object> environment) {
        StandardEnvironment spring = new StandardEnvironment();
        spring.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        environment));
        return new Binder(ConfigurationPropertySources.get(spring))
                .bindOrCreate("timeline.kafka", ConsumerProperties.class);
    }
}
