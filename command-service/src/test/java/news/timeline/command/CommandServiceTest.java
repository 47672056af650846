package news.timeline.command;

import news.timeline.kafka.SharedKafka;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

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
public @interface CommandServiceTest {

    /** Points a test class at the shared broker: {@code @DynamicPropertySource static void kafka(r) {...}}. */
    final class Kafka {
        private Kafka() {
        }

        public static void register(DynamicPropertyRegistry registry) {
            registry.add("timeline.kafka.bootstrap-servers", SharedKafka::bootstrapServers);
        }
    }
}
