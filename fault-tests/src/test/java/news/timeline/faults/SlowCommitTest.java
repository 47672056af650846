package news.timeline.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import news.timeline.command.EventMetadata;
import news.timeline.events.EventChain;
import news.timeline.events.EventEnvelope;
import news.timeline.events.TimelineOpened;
import news.timeline.kafka.SharedKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A slow commit in the event store on PostgreSQL: one transaction takes its place in the store's global order, then
 * stays open while later ones commit and are published. When it commits at last, its event still reaches Kafka and
 * readers: the relay waits at the gap instead of skipping it.
 */
class SlowCommitTest {

    private static final String SLOW_TIMELINE = "slow-commit";

    @Test
    void anEventCommittedAfterLaterOnesStillReachesReaders(@TempDir Path dataDir) throws Exception {
        try (SeparateServices services = new SeparateServices(SeparateServices.Database.POSTGRES, dataDir,
                SharedKafka.bootstrapServers(), "slow-commit-" + ServiceCrashTest.run()).start();
             Editors editors = new Editors(services::commandUrl, "slow-commit", 20).openTimelines()) {
            editors.startPosting(4, Duration.ofMillis(50));
            ServiceCrashTest.awaitAcknowledged(editors, 50);

            Instant opened;
            try (Connection slow = DriverManager.getConnection(services.eventStoreUrl(), "postgres", "")) {
                slow.setAutoCommit(false);
                storeTimelineOpened(slow);
                opened = Instant.now();
                ServiceCrashTest.awaitAcknowledged(editors, editors.acknowledgedCount() + 300);
                new Reckoning(editors).awaitProjected(services.queryUrl());
                slow.commit();
            }
            Duration heldOpen = Duration.between(opened, Instant.now());
            Instant committed = Instant.now();
            await("the late event projected").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> Reckoning.lastSequence(services.queryUrl(), SLOW_TIMELINE) == 0);
            Duration reached = Duration.between(committed, Instant.now());
            System.out.printf("[fault] an event whose transaction was held open %.1f s while later ones committed "
                    + "and were projected: projected %.1f s after its commit%n",
                    heldOpen.toMillis() / 1000.0, reached.toMillis() / 1000.0);
            editors.stopPosting();

            new Reckoning(editors).awaitProjected(services.queryUrl())
                    .readPipeline(SharedKafka.bootstrapServers(), services.topic(), services.queryUrl())
                    .readEventStore(services.eventStoreUrl())
                    .check("a slow commit on PostgreSQL", new Reckoning.Recovery("late event projected", reached,
                            "its commit"));
            assertThat(Reckoning.get(services.queryUrl() + "/api/timelines/" + SLOW_TIMELINE, null))
                    .contains("A transaction that took its time");
        }
    }

    /** The first event of a timeline, as the command service stores one: payload, metadata and hash. */
    private static void storeTimelineOpened(Connection connection) throws Exception {
        ObjectMapper json = new ObjectMapper();
        String eventId = UUID.randomUUID().toString();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        TimelineOpened event = new TimelineOpened(SLOW_TIMELINE, "A transaction that took its time", "Held open");
        String hash = EventEnvelope.of(eventId, 0, at, "editor", event).chainedTo(null).hash();
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,
                                                meta_data, payload, payload_revision, payload_type, time_stamp)
                VALUES (?, 0, 'Timeline', ?, ?, ?, NULL, ?, ?)""")) {
            insert.setString(1, SLOW_TIMELINE);
            insert.setString(2, eventId);
            insert.setBytes(3, json.writeValueAsBytes(Map.of(EventMetadata.ACTOR, "editor",
                    EventMetadata.HASH_FORM, EventChain.CURRENT_FORM, EventMetadata.HASH, hash)));
            insert.setBytes(4, json.writeValueAsString(Map.of("timelineId", SLOW_TIMELINE,
                    "title", event.title(), "summary", event.summary())).getBytes(StandardCharsets.UTF_8));
            insert.setString(5, TimelineOpened.class.getName());
            insert.setString(6, at.toString());
            insert.executeUpdate();
        }
    }
}
