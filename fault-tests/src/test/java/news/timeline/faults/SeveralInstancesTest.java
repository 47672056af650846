package news.timeline.faults;

import news.timeline.kafka.SharedKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static news.timeline.faults.ServiceCrashTest.awaitAcknowledged;
import static news.timeline.faults.ServiceCrashTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two command-service instances on one event store (PostgreSQL) and two query-service instances, each a full
 * replica: editors post to the same few timelines through both command instances at once, as a load balancer would
 * send them. Every post answered {@code 201} is stored once, in one unbroken sequence per timeline (two instances
 * appending to one timeline meet at the store's (timeline, sequence) key; the one that lost retries on the timeline
 * as stored), published once, and applied once by each query instance; none is refused.
 */
class SeveralInstancesTest {

    private static final int TIMELINES = 3;
    private static final int EDITORS = 8;

    @Test
    void postsThroughTwoCommandInstancesReachBothQueryInstancesOnceEach(@TempDir Path dataDir) {
        try (SeparateServices services = new SeparateServices(SeparateServices.Database.POSTGRES, dataDir,
                SharedKafka.bootstrapServers(), "several-" + run()).start();
             ServiceProcess secondCommand = services.anotherCommandInstance("b").start();
             ServiceProcess secondQuery = services.anotherQueryInstance("b").start()) {
            List<String> commandUrls = List.of(services.commandUrl(), secondCommand.url());
            AtomicInteger next = new AtomicInteger();
            try (Editors editors = new Editors(() -> commandUrls.get(next.getAndIncrement() % 2), "several",
                    TIMELINES).openTimelines()) {
                editors.startPosting(EDITORS);
                awaitAcknowledged(editors, 600);
                editors.stopPosting();
                Instant lastPost = Instant.now();

                for (String queryUrl : List.of(services.queryUrl(), secondQuery.url())) {
                    Reckoning reckoning = new Reckoning(editors).awaitProjected(queryUrl);
                    Duration projected = Duration.between(lastPost, Instant.now());
                    reckoning.readPipeline(SharedKafka.bootstrapServers(), services.topic(), queryUrl)
                            .readEventStore(services.eventStoreUrl())
                            .check("posts through two command instances, read on the query instance at " + queryUrl,
                                    new Reckoning.Recovery("all projected", projected, "the last post"));
                }
                assertThat(editors.serverErrorsByStatus()).as("posts answered 5xx").isEmpty();
            }
        }
    }
}
