package news.timeline.faults;

import news.timeline.kafka.SharedKafka;
import news.timeline.tools.TimelineTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static news.timeline.faults.ServiceCrashTest.awaitAcknowledged;
import static news.timeline.faults.ServiceCrashTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two command-service instances on one event store (PostgreSQL) and two query-service instances, each a full
 * replica: editors post to the same few timelines through both command instances at once, as a load balancer would
 * send them. Every post answered {@code 201} is stored once, in one unbroken sequence per timeline (two instances
 * appending to one timeline meet at the store's (timeline, sequence) key; the one that lost retries on the timeline
 * as stored), published once, and applied once by each query instance; none is refused. Then the replicas are
 * rebuilt one after the other while editors post on and readers read both: each rebuilt projection takes over with
 * its live one's checksum, no reader ever sees a timeline go back (a half-built projection would show one shorter),
 * and every post is still there once on each.
 */
class SeveralInstancesTest {

    private static final int TIMELINES = 3;
    private static final int EDITORS = 8;

    @Test
    void postsThroughTwoCommandInstancesReachBothQueryInstancesOnceEach(@TempDir Path dataDir) throws Exception {
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

                List<String> replicas = List.of(services.queryUrl(), secondQuery.url());
                reckon(editors, services, replicas, lastPost, "posts through two command instances");

                editors.startPosting(2, Duration.ofMillis(50));
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                int exit;
                try (Readers readers = new Readers(replicas, editors.timelines())) {
                    exit = TimelineTools.run(new String[] {"rebuild", "--query-service", replicas.get(0),
                            "--query-service", replicas.get(1), "--user", "admin", "--password", "admin"},
                            new PrintStream(out, true), System.err);
                    editors.stopPosting();
                    assertThat(readers.wentBack()).as("a timeline a reader saw go back").isEmpty();
                }
                assertThat(exit).as(out.toString()).isEqualTo(TimelineTools.SUCCESS);
                assertThat(out.toString().lines().filter(line -> line.startsWith("done: ")))
                        .hasSize(2).allSatisfy(line -> assertThat(line).contains("(same as the live projection)"));
                reckon(editors, services, replicas, Instant.now(), "posts before and during the replicas' rebuilds");
                assertThat(editors.serverErrorsByStatus()).as("posts answered 5xx").isEmpty();
            }
        }
    }

    private static void reckon(Editors editors, SeparateServices services, List<String> replicas, Instant lastPost,
                               String what) {
        for (String queryUrl : replicas) {
            Reckoning reckoning = new Reckoning(editors).awaitProjected(queryUrl);
            Duration projected = Duration.between(lastPost, Instant.now());
            reckoning.readPipeline(SharedKafka.bootstrapServers(), services.topic(), queryUrl)
                    .readEventStore(services.eventStoreUrl())
                    .check(what + ", read on the query instance at " + queryUrl,
                            new Reckoning.Recovery("all projected", projected, "the last post"));
        }
    }

    /** Readers reading each timeline's latest page on every replica, over and over: where one saw it go back. */
    private static final class Readers implements AutoCloseable {

        private final Map<String, Long> seen = new ConcurrentHashMap<>();
        private final List<String> wentBack = new CopyOnWriteArrayList<>();
        private final AtomicBoolean reading = new AtomicBoolean(true);
        private final Thread thread;

        Readers(List<String> replicas, List<String> timelines) {
            thread = new Thread(() -> {
                while (reading.get()) {
                    for (String replica : replicas) {
                        for (String timeline : timelines) {
                            long last = Reckoning.lastSequence(replica, timeline);
                            Long before = seen.put(replica + " " + timeline, last);
                            if (before != null && last < before) {
                                wentBack.add(replica + " " + timeline + ": " + before + " then " + last);
                            }
                        }
                    }
                }
            }, "readers");
            thread.start();
        }

        List<String> wentBack() {
            return wentBack;
        }

        @Override
        public void close() {
            reading.set(false);
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
