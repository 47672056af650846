package news.timeline.command;

import news.timeline.kafka.SharedKafka;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfiguration;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The whole command service on a random port, an in-memory H2 store and the test JVM's real Kafka broker. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=" + CommandServiceApplication.CONFIG_NAME,
        "spring.datasource.url=jdbc:h2:mem:command-${random.uuid};DB_CLOSE_DELAY=-1"})
@ContextConfiguration(initializers = CommandServiceTest.SharedBroker.class)
public @interface CommandServiceTest {

    /** Points the service at the shared broker, started on first use. */
    final class SharedBroker implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            TestPropertyValues.of("timeline.kafka.bootstrap-servers=" + SharedKafka.bootstrapServers())
                    .applyTo(context);
        }
    }
}
