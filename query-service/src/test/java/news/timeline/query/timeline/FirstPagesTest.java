package news.timeline.query.timeline;

import com.fasterxml.jackson.databind.json.JsonMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import news.timeline.query.ProjectionDatabase;
import news.timeline.query.TimelineEvents;
import news.timeline.query.consuming.AppliedSequences;
import news.timeline.query.consuming.TimelinePositions;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The first pages held in memory: bounded by weight however many timelines are read, and counted as they serve. */
class FirstPagesTest {

    private static final DataSize BOUND = DataSize.ofKilobytes(8);

    private final ProjectionDatabase database = ProjectionDatabase.h2();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final FirstPages pages = new FirstPages(database.reader(),
            database.listen(new AppliedSequences(new TimelinePositions(database.jdbc()))),
            JsonMapper.builder().findAndAddModules().build(), BOUND, meters);

    @Test
    void anArchiveReadOnceFromEndToEndDoesNotFillTheMemory() {
        for (int i = 0; i < 40; i++) {
            database.apply(new TimelineEvents("archived-" + i).post("u1", "Polls close", "Counting begins.").all());
        }

        for (int i = 0; i < 40; i++) {
            assertThat(pages.get("archived-" + i)).isPresent();
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(meters.get("timeline.first-pages.bytes").gauge().value()).isLessThanOrEqualTo(BOUND.toBytes());
            assertThat(meters.get("timeline.first-pages.evicted").counter().count()).isPositive();
        });
        assertThat(meters.get("timeline.first-pages.reads").tag("result", "miss").counter().count()).isEqualTo(40);
    }

    @Test
    void aPageServedAgainWithNothingNewIsAHitAndANewEventMakesItAMiss() {
        database.apply(new TimelineEvents("live").post("u1", "Polls close", "Counting begins.").all());

        pages.get("live");
        pages.get("live");
        database.apply(new TimelineEvents("live").post("u1", "Polls close", "Counting begins.")
                .post("u2", "First result", "Sunderland declares.").all().subList(2, 3));
        assertThat(pages.get("live").orElseThrow().page().updates()).hasSize(2);

        assertThat(meters.get("timeline.first-pages.reads").tag("result", "hit").counter().count()).isEqualTo(1);
        assertThat(meters.get("timeline.first-pages.reads").tag("result", "miss").counter().count()).isEqualTo(2);
    }
}
