package news.timeline.faults;

import news.timeline.kafka.SharedKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL away under load, as both services see a restart of it: every connection dropped, new ones refused, then
 * served again. Meanwhile editors get a clear {@code 503} (never a {@code 500}), both services say they are not
 * ready but alive; afterwards both go on without a restart, and nothing acknowledged is lost.
 */
class DatabaseOutageTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void commandsAnswer503WhileThePostgresIsAwayAndGoOnWithoutARestart(@TempDir Path dataDir) {
        URI postgres = URI.create(SeparateServices.POSTGRES_URL.substring("jdbc:".length()));
        try (TcpProxy proxy = new TcpProxy(postgres.getHost(), postgres.getPort());
             SeparateServices services = new SeparateServices(SeparateServices.Database.POSTGRES, dataDir,
                     SharedKafka.bootstrapServers(), "db-outage-" + ServiceCrashTest.run(),
                     "jdbc:postgresql://127.0.0.1:" + proxy.port() + postgres.getPath(),
                     SeparateServices.LIFTED_BUDGET).start();
             Editors editors = new Editors(services::commandUrl, "db-outage", 20).openTimelines()) {
            editors.startPosting(8);
            ServiceCrashTest.awaitAcknowledged(editors, 200);

            proxy.cut();
            await("both services not ready").atMost(Duration.ofSeconds(60)).until(() ->
                    status(services.commandUrl() + "/actuator/health/readiness") == 503
                            && status(services.queryUrl() + "/actuator/health/readiness") == 503);
            await("editors refused").atMost(Duration.ofSeconds(60))
                    .until(() -> editors.serverErrorsByStatus().getOrDefault(503, 0) >= 10);
            assertThat(status(services.commandUrl() + "/actuator/health/liveness")).isEqualTo(200);
            assertThat(status(services.queryUrl() + "/actuator/health/liveness")).isEqualTo(200);
            assertThat(status(services.queryUrl() + "/actuator/health")).as("the reason, for an operator")
                    .isEqualTo(503);

            int beforeRestore = editors.acknowledgedCount();
            proxy.restore();
            Instant restored = Instant.now();
            ServiceCrashTest.awaitAcknowledged(editors, beforeRestore + 1);
            Duration back = Duration.between(restored, Instant.now());
            await("both services ready again").atMost(Duration.ofSeconds(60)).until(() ->
                    status(services.commandUrl() + "/actuator/health/readiness") == 200
                            && status(services.queryUrl() + "/actuator/health/readiness") == 200);
            ServiceCrashTest.awaitAcknowledged(editors, beforeRestore + 200);
            editors.stopPosting();

            Reckoning reckoning = new Reckoning(editors).awaitProjected(services.queryUrl())
                    .readPipeline(SharedKafka.bootstrapServers(), services.topic(), services.queryUrl())
                    .readEventStore(services.eventStoreUrl());
            reckoning.check("PostgreSQL away under load (connections cut, then served again)",
                    new Reckoning.Recovery("acknowledging", back, "PostgreSQL was back"));
            assertThat(editors.serverErrorsByStatus().keySet()).as("only a clear 503").containsOnly(503);
        }
    }

    static int status(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException noAnswer) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
