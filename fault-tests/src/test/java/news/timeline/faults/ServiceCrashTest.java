package news.timeline.faults;

import news.timeline.kafka.SharedKafka;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code kill -9} of one service while 8 editors post to 20 timelines, on each database: after its restart every
 * post answered {@code 201} is in the event store, on the topic and in the projection, once and in order.
 */
class ServiceCrashTest {

    private static final int TIMELINES = 20;
    private static final int EDITORS = 8;

    @ParameterizedTest
    @EnumSource(SeparateServices.Database.class)
    void everyAcknowledgedPostSurvivesAKillOfTheCommandService(SeparateServices.Database database,
                                                               @TempDir Path dataDir) {
        try (SeparateServices services = new SeparateServices(database, dataDir, SharedKafka.bootstrapServers(),
                "crash-command-" + run()).start();
             Editors editors = new Editors(services::commandUrl, "crash", TIMELINES).openTimelines()) {
            editors.startPosting(EDITORS);
            awaitAcknowledged(editors, 300);
            services.command().kill();
            int atKill = editors.acknowledgedCount();
            services.command().start();
            Reckoning.Recovery recovery = new Reckoning.Recovery("serving",
                    Duration.between(services.command().startedAt(), Instant.now()), "its start");
            awaitAcknowledged(editors, atKill + 200);
            editors.stopPosting();

            Reckoning reckoning = new Reckoning(editors).awaitProjected(services.queryUrl())
                    .readPipeline(SharedKafka.bootstrapServers(), services.topic(), services.queryUrl());
            services.command().terminate();
            reckoning.readEventStore(services.eventStoreUrl())
                    .check("kill -9 of the command service on " + database, recovery);
        }
    }

    @ParameterizedTest
    @EnumSource(SeparateServices.Database.class)
    void aKilledQueryServiceAppliesAgainAtOnceAndLosesNothing(SeparateServices.Database database,
                                                              @TempDir Path dataDir) {
        try (SeparateServices services = new SeparateServices(database, dataDir, SharedKafka.bootstrapServers(),
                "crash-query-" + run()).start();
             Editors editors = new Editors(services::commandUrl, "crash", TIMELINES).openTimelines()) {
            // a busy night's pace, about 80 posts a second, leaving the restarting service some of the machine
            editors.startPosting(EDITORS, Duration.ofMillis(100));
            awaitAcknowledged(editors, 300);
            services.query().kill();
            services.query().start();
            Instant ready = Instant.now();
            Map<String, Long> atRestart = lastSequences(services, editors);
            await("a timeline applied past where it stood at the restart").atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> editors.timelines().stream().anyMatch(timeline ->
                            Reckoning.lastSequence(services.queryUrl(), timeline) > atRestart.get(timeline)));
            Duration sinceStart = Duration.between(services.query().startedAt(), Instant.now());
            Duration sinceReady = Duration.between(ready, Instant.now());
            awaitAcknowledged(editors, editors.acknowledgedCount() + 200);
            editors.stopPosting();

            Reckoning reckoning = new Reckoning(editors).awaitProjected(services.queryUrl())
                    .readPipeline(SharedKafka.bootstrapServers(), services.topic(), services.queryUrl());
            services.command().terminate();
            reckoning.readEventStore(services.eventStoreUrl())
                    .check("kill -9 of the query service on " + database,
                            new Reckoning.Recovery("applying", sinceStart, "its start"));
            System.out.printf("[fault] the query service applied again %.1f s after it was ready%n",
                    sinceReady.toMillis() / 1000.0);
            assertThat(sinceReady).as("from ready to applying again").isLessThan(Duration.ofSeconds(10));
        }
    }

    private static Map<String, Long> lastSequences(SeparateServices services, Editors editors) {
        return editors.timelines().stream().collect(Collectors.toMap(timeline -> timeline,
                timeline -> Reckoning.lastSequence(services.queryUrl(), timeline)));
    }

    static void awaitAcknowledged(Editors editors, int count) {
        await(count + " posts acknowledged").atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(50))
                .until(() -> editors.acknowledgedCount() >= count);
    }

    static String run() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
