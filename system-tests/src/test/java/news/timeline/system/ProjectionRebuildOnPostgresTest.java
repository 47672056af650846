package news.timeline.system;

import news.timeline.embedded.EmbeddedStack;
import news.timeline.embedded.StackOptions;
import news.timeline.kafka.SharedKafka;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same rebuild on the production path, PostgreSQL: parallel workers, unlogged tables filled by COPY, made
 * logged, and swapped in for the live ones.
 */
class ProjectionRebuildOnPostgresTest extends ProjectionRebuildTest {

    private static final List<String> TABLES = List.of("timeline", "timeline_update", "audit_entry",
            "timeline_position", "consumed_offset");

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

    @Test
    void theSwappedInTablesAreLoggedAndNothingOfTheRebuildIsLeftBehind() {
        String tid = story("medway", 3);
        JdbcTemplate jdbc = stack.queryService().getBean(JdbcTemplate.class);
        List<String> indexes = indexes(jdbc);
        assertThat(new Http().send("admin", "POST", stack.queryUrl() + "/api/admin/rebuild", null, null).status())
                .isEqualTo(202);

        JsonNode done = awaitEnd();

        assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("DONE");
        assertThat(done.get("livePausedMillis").asLong()).isNotNegative();
        assertThat(jdbc.queryForList("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relpersistence = 'p'", String.class))
                .as("the live tables, written to the write-ahead log again").containsAll(TABLES);
        assertThat(indexes(jdbc)).as("every key and index, those built after the first pass too")
                .isEqualTo(indexes).contains("CREATE UNIQUE INDEX audit_entry_pkey ON %s.audit_entry USING btree"
                        .formatted(jdbc.queryForObject("SELECT current_schema()", String.class))
                        + " (timeline_id, sequence)");
        assertThat(jdbc.queryForList("SELECT nspname FROM pg_namespace WHERE nspname IN"
                + " ('projection_rebuild', 'projection_retired')", String.class)).isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM timeline_update WHERE timeline_id = ?", Long.class, tid))
                .isEqualTo(3);
        String after = newsroom.post(tid, "Posted after the swap");
        newsroom.awaitLastSequence(tid, 3 + 4);
        assertThat(jdbc.queryForObject("SELECT headline FROM timeline_update WHERE update_id = ?", String.class,
                after)).isEqualTo("Posted after the swap");
    }

    private static List<String> indexes(JdbcTemplate jdbc) {
        return jdbc.queryForList("SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema()"
                + " AND tablename <> 'flyway_schema_history' ORDER BY indexname", String.class);
    }
}
