package news.timeline.query.consuming;

import news.timeline.events.EventEnvelope;
import news.timeline.events.TimelineOpened;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** A batch's positions: read with a query per thousand timelines, written as an update or an insert each. */
class TimelinePositionsTest {

    private JdbcTemplate jdbc;
    private TimelinePositions positions;

    @BeforeEach
    void createTable() {
        jdbc = new JdbcTemplate(new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
        jdbc.execute("""
                CREATE TABLE timeline_position (timeline_id VARCHAR(64) PRIMARY KEY, last_sequence BIGINT NOT NULL,
                                                last_occurred_at TIMESTAMP WITH TIME ZONE)""");
        positions = new TimelinePositions(jdbc);
    }

    @Test
    void positionsOfMoreTimelinesThanOneQueryAsksForAreAllFound() {
        List<String> stored = ids(0, 2_500);
        positions.save(stored.stream().map(id -> event(id, 7)).toList(), Set.of());

        Map<String, Long> found = positions.lastSequences(ids(0, 2_600));

        assertThat(found).hasSize(2_500).containsOnlyKeys(stored);
        assertThat(found.values()).containsOnly(7L);
        assertThat(positions.lastSequence("t-2599")).isEqualTo(TimelinePositions.NOTHING_APPLIED);
    }

    @Test
    void storedTimelinesMoveOnAndNewOnesGetTheirFirstPosition() {
        positions.save(List.of(event("known", 3)), Set.of());

        positions.save(List.of(event("known", 9), event("new", 0)), positions.lastSequences(List.of("known", "new"))
                .keySet());

        assertThat(positions.lastSequences(List.of("known", "new"))).containsExactlyInAnyOrderEntriesOf(
                Map.of("known", 9L, "new", 0L));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM timeline_position", Long.class)).isEqualTo(2);
    }

    private static List<String> ids(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "t-" + i).collect(Collectors.toList());
    }

    private static EventEnvelope event(String timelineId, long sequence) {
        return EventEnvelope.of(UUID.randomUUID().toString(), sequence, Instant.parse("2014-10-10T08:00:00Z"),
                "editor", new TimelineOpened(timelineId, "A story", "Its summary"));
    }
}
