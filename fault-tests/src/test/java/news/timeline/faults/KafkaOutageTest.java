package news.timeline.faults;

import news.timeline.kafka.KafkaBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Kafka away for a minute while editors keep posting: every command still succeeds (the event store is the outbox),
 * and within 30 s of the broker's return every post is on the topic and projected, once and in order.
 */
class KafkaOutageTest {

    private static final Duration OUTAGE = Duration.ofSeconds(60);

    @Test
    void editorsKeepPostingWhileKafkaIsAwayAndReadersHaveItAllSoonAfterItsReturn(@TempDir Path dataDir) {
        try (KafkaBroker broker = KafkaBroker.start(dataDir.resolve("kafka"), 0, KafkaBroker.Jvm.SHORT_LIVED);
             SeparateServices services = new SeparateServices(SeparateServices.Database.H2, dataDir,
                     broker.bootstrapServers(), "kafka-outage-" + ServiceCrashTest.run()).start();
             Editors editors = new Editors(services::commandUrl, "kafka-outage", 20).openTimelines()) {
            editors.startPosting(8, Duration.ofMillis(100));
            ServiceCrashTest.awaitAcknowledged(editors, 200);

            broker.stop();
            int atStop = editors.acknowledgedCount();
            await("readers' service not ready without Kafka").atMost(Duration.ofSeconds(60))
                    .until(() -> DatabaseOutageTest.status(services.queryUrl() + "/actuator/health/readiness") == 503);
            await("editors posting while Kafka is away for " + OUTAGE).pollDelay(OUTAGE).atMost(OUTAGE.multipliedBy(2))
                    .until(() -> editors.acknowledgedCount() > atStop);
            int duringOutage = editors.acknowledgedCount() - atStop;
            assertThat(DatabaseOutageTest.status(services.commandUrl() + "/actuator/health/readiness"))
                    .as("editors' service ready: it needs no Kafka to take commands").isEqualTo(200);
            editors.stopPosting();

            broker.start();
            Instant back = Instant.now();
            Reckoning reckoning = new Reckoning(editors).awaitProjected(services.queryUrl());
            Duration caughtUp = Duration.between(back, Instant.now());
            reckoning.readPipeline(broker.bootstrapServers(), services.topic(), services.queryUrl());
            services.command().terminate();
            reckoning.readEventStore(services.eventStoreUrl()).check(
                    "Kafka away " + OUTAGE.toSeconds() + " s, " + duringOutage + " posts acknowledged meanwhile",
                    new Reckoning.Recovery("all projected", caughtUp, "the broker's return"));
            assertThat(editors.serverErrors()).isZero();
            assertThat(caughtUp).isLessThan(Duration.ofSeconds(30));
        }
    }
}
