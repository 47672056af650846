package news.timeline.query;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The readers' and auditors' service: projections built from the events topic, served over HTTP. */
@SpringBootApplication
@EnableScheduling
public class QueryServiceApplication {

    /** Its own config file name, so that both services can share one JVM and classpath in the embedded stack. */
    public static final String CONFIG_NAME = "query-service";

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(QueryServiceApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME);
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
