package news.timeline.command;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The editors' service: commands in, events stored and published to Kafka. */
@SpringBootApplication
@EnableScheduling
public class CommandServiceApplication {

    /** Its own config file name, so that both services can share one JVM and classpath in the embedded stack. */
    public static final String CONFIG_NAME = "command-service";

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(CommandServiceApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME);
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
