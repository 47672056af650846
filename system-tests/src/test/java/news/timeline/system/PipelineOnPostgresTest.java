package news.timeline.system;

import news.timeline.embedded.EmbeddedStack;
import news.timeline.embedded.StackOptions;
import news.timeline.kafka.SharedKafka;
import news.timeline.testing.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.UUID;

/**
 * The production path: the {@code postgres} profile against the PostgreSQL on 127.0.0.1:5432, each service in a
 * fresh schema of its own that Flyway creates.
 */
class PipelineOnPostgresTest extends PipelineScenario {

    static final String POSTGRES_URL = TestPostgres.url();

    @BeforeAll
    static void startStack(@TempDir Path dataDir) {
        String run = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        stack = EmbeddedStack.start(StackOptions.forTests(dataDir, SharedKafka.bootstrapServers())
                .withArguments("--spring.profiles.active=postgres", "--timeline.kafka.group-id=pg-" + run)
                .withCommandArguments(schema("command_" + run))
                .withQueryArguments(schema("query_" + run)));
    }

    static String[] schema(String name) {
        return new String[] {"--DATABASE_URL=" + POSTGRES_URL + "?currentSchema=" + name,
                "--spring.flyway.schemas=" + name};
    }
}
