package news.timeline.faults;

import news.timeline.embedded.EmbeddedStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

/**
 * The README's first command, killed with {@code kill -9} while editors post: the whole JVM (both services on H2
 * files, the broker's child JVM ending with it) goes at once. After a start on the same data folder, every post
 * that was answered {@code 201} is there.
 */
class EmbeddedDefaultCrashTest {

    @Test
    void everyAcknowledgedPostSurvivesAKillOfTheWholeEmbeddedStack(@TempDir Path dataDir) {
        int kafkaPort = SeparateServices.freePort();
        int commandPort = SeparateServices.freePort();
        int queryPort = SeparateServices.freePort();
        String commandUrl = "http://127.0.0.1:" + commandPort;
        String queryUrl = "http://127.0.0.1:" + queryPort;
        try (ServiceProcess stack = new ServiceProcess("embedded-stack", EmbeddedStack.class,
                Stream.concat(Stream.of(dataDir.toString(), "--kafka-port=" + kafkaPort,
                        "--command-port=" + commandPort, "--query-port=" + queryPort),
                        SeparateServices.LIFTED_BUDGET.stream()).toList(),
                dataDir.resolve("embedded-stack.log"), queryUrl + "/actuator/health/readiness").start();
             Editors editors = new Editors(() -> commandUrl, "embedded", 20).openTimelines()) {
            editors.startPosting(8);
            ServiceCrashTest.awaitAcknowledged(editors, 600);
            stack.kill();
            int atKill = editors.acknowledgedCount();
            stack.start();
            Reckoning.Recovery recovery = new Reckoning.Recovery("serving",
                    Duration.between(stack.startedAt(), Instant.now()), "its start");
            ServiceCrashTest.awaitAcknowledged(editors, atKill + 200);
            editors.stopPosting();

            Reckoning reckoning = new Reckoning(editors).awaitProjected(queryUrl)
                    .readPipeline("127.0.0.1:" + kafkaPort, "timeline-events", queryUrl);
            stack.terminate();
            reckoning.readEventStore("jdbc:h2:file:" + dataDir.resolve("command-service"))
                    .check("kill -9 of the whole embedded default (H2)", recovery);
        }
    }
}
