package news.timeline.query;

import org.springframework.boot.test.context.SpringBootTest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The whole query service on a random port and an in-memory H2 database. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=" + QueryServiceApplication.CONFIG_NAME,
        "spring.datasource.url=jdbc:h2:mem:query-${random.uuid};DB_CLOSE_DELAY=-1"})
public @interface QueryServiceTest {
}
