package news.timeline.faults;

import news.timeline.kafka.SharedKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kill -TERM} of the command service, as an orchestrator stops it, with 200 posts in flight: each is answered
 * before it goes (or refused with {@code 503}, never dropped unanswered once accepted), it is gone within 30 s, and
 * after a restart every post answered {@code 201} is stored, published and projected once.
 */
class GracefulShutdownTest {

    private static final int IN_FLIGHT = 200;

    @Test
    void aTerminatedCommandServiceAnswersWhatItAcceptedAndLosesNothing(@TempDir Path dataDir) {
        try (SeparateServices services = new SeparateServices(SeparateServices.Database.H2, dataDir,
                SharedKafka.bootstrapServers(), "sigterm-" + ServiceCrashTest.run()).start();
             Editors editors = new Editors(services::commandUrl, "sigterm", 50).openTimelines()) {
            editors.startPosting(IN_FLIGHT);
            ServiceCrashTest.awaitAcknowledged(editors, 500);

            Duration shutdown = services.command().terminate();
            System.out.printf("[fault] the command service stopped %.1f s after SIGTERM with %d editors posting%n",
                    shutdown.toMillis() / 1000.0, IN_FLIGHT);
            int atStop = editors.acknowledgedCount();
            services.command().start();
            Duration back = Duration.between(services.command().startedAt(), Instant.now());
            ServiceCrashTest.awaitAcknowledged(editors, atStop + 200);
            editors.stopPosting();

            Reckoning reckoning = new Reckoning(editors).awaitProjected(services.queryUrl())
                    .readPipeline(SharedKafka.bootstrapServers(), services.topic(), services.queryUrl());
            services.command().terminate();
            reckoning.readEventStore(services.eventStoreUrl()).check(
                    "SIGTERM of the command service, " + IN_FLIGHT + " editors posting",
                    new Reckoning.Recovery("serving", back, "its start"));
            assertThat(shutdown).isLessThan(Duration.ofSeconds(30));
            assertThat(editors.serverErrorsByStatus().keySet())
                    .as("refused while stopping, nothing else: %s", editors.refusalSamples()).isSubsetOf(503);
        }
    }
}
