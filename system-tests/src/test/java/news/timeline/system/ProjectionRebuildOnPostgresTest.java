package news.timeline.system;

import news.timeline.embedded.EmbeddedStack;
import news.timeline.embedded.StackOptions;
import news.timeline.kafka.SharedKafka;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.UUID;

/**
 * The same rebuild on the production path, PostgreSQL: parallel workers, unlogged tables filled by COPY, and the
 * switch-over into the live, logged tables.
 */
class ProjectionRebuildOnPostgresTest extends ProjectionRebuildTest {

    @BeforeAll
    static void startStack(@TempDir Path dataDir) {
        String run = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        stack = EmbeddedStack.start(StackOptions.forTests(dataDir, SharedKafka.bootstrapServers())
                .onTopic("rebuild-pg-" + run)
                .withArguments("--spring.profiles.active=postgres")
                .withCommandArguments(PipelineOnPostgresTest.schema("command_" + run))
                .withQueryArguments(PipelineOnPostgresTest.schema("query_" + run)));
        newsroom = new Newsroom(stack);
    }
}
