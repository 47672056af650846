package news.timeline.query.rebuild;

import news.timeline.events.Block;
import news.timeline.events.Content;
import news.timeline.events.EventEnvelope;
import news.timeline.events.UpdateEdited;
import news.timeline.events.UpdatePosted;
import news.timeline.events.UpdateRetracted;
import news.timeline.query.QueryServiceTest;
import news.timeline.query.TestTopic;
import news.timeline.query.TimelineEvents;
import news.timeline.query.store.Projection;
import news.timeline.query.store.ProjectionWrites;
import news.timeline.query.store.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A projection added to a service whose events were applied before it existed: its table, declared by the
 * projection and created by a migration of its own, is empty until a rebuild fills it from the topic, checksums it
 * with the others and swaps it in. Nothing in the rebuild names the table.
 */
@QueryServiceTest
@Import(AddedProjectionTest.WordCounts.class)
@TestPropertySource(properties = "spring.flyway.locations=classpath:db/query,classpath:db/word-count")
class AddedProjectionTest {

    @RegisterExtension
    static final TestTopic TOPIC = new TestTopic("added-projection-test");

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ProjectionRebuild rebuild;
    @Autowired
    WordCounts wordCounts;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        TOPIC.register(registry);
    }

    /** How many words each live update has: inserted on a post, updated on an edit, deleted on a retraction. */
    @TestConfiguration
    static class WordCounts implements Projection {

        static final Table UPDATE_WORD_COUNT = Table.named("update_word_count")
                .text("timeline_id").text("update_id").int4("words")
                .key("timeline_id", "update_id");

        /** Whether it applies events yet: off, it stands for a projection not deployed when they came. */
        volatile boolean deployed;

        @Override
        public List<Table> tables() {
            return List.of(UPDATE_WORD_COUNT);
        }

        @Override
        public void apply(EventEnvelope event, byte[] json, ProjectionWrites writes) {
            if (!deployed) {
                return;
            }
            if (event.payload() instanceof UpdatePosted posted) {
                writes.insert(UPDATE_WORD_COUNT.row().set("timeline_id", posted.timelineId())
                        .set("update_id", posted.updateId()).set("words", words(posted.content())));
            } else if (event.payload() instanceof UpdateEdited edited) {
                writes.update(UPDATE_WORD_COUNT.row().set("timeline_id", edited.timelineId())
                        .set("update_id", edited.updateId()).set("words", words(edited.content())));
            } else if (event.payload() instanceof UpdateRetracted retracted) {
                writes.delete(UPDATE_WORD_COUNT, retracted.timelineId(), retracted.updateId());
            }
        }

        private static int words(Content content) {
            return content.blocks().stream()
                    .mapToInt(block -> block instanceof Block.Paragraph paragraph
                            ? paragraph.text().split("\\s+").length : 0)
                    .sum();
        }
    }

    @Test
    void aTableAddedToAProjectionIsRebuiltChecksummedAndSwappedIn() {
        String tid = "t-" + UUID.randomUUID();
        List<EventEnvelope> events = new TimelineEvents(tid)
                .post("u1", "Farage targets Kent seat", "Nigel Farage will join the campaign.")
                .post("u2", "Media scrum", "Douglas Carwswell in the scrum")
                .post("u3", "Balance of power", "Ukip could hold the balance of power.")
                .correct("u2", 2, "Media scrum", "Douglas Carswell in the scrum today", "Spelling of Carswell")
                .retract("u3", 2, "Unverified quote", "This update was withdrawn.")
                .all();
        TOPIC.send(events);
        await().atMost(Duration.ofSeconds(30)).until(() -> TestTopic.lastSequence(jdbc, tid) >= 5);
        assertThat(wordCounts()).isEmpty();

        wordCounts.deployed = true;
        rebuild.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> rebuild.progress().state() != ProjectionRebuild.State.REBUILDING
                && rebuild.progress().state() != ProjectionRebuild.State.SWITCHING);

        ProjectionRebuild.Progress done = rebuild.progress();
        assertThat(done.state()).as(done.error()).isEqualTo(ProjectionRebuild.State.DONE);
        assertThat(done.live().rows()).containsEntry("update_word_count", 0L);
        assertThat(done.rebuilt().rows()).containsEntry("update_word_count", 2L)
                .containsKeys("timeline", "timeline_update", "audit_entry", "timeline_position", "consumed_offset");
        assertThat(done.rebuilt().sha256()).isNotEqualTo(done.live().sha256());
        assertThat(wordCounts()).containsExactlyInAnyOrderEntriesOf(Map.of("u1", 6, "u2", 6));
    }

    private Map<String, Integer> wordCounts() {
        return jdbc.query("SELECT update_id, words FROM update_word_count", rs -> {
            Map<String, Integer> counts = new HashMap<>();
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getInt(2));
            }
            return counts;
        });
    }
}
