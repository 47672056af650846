package news.timeline.faults;

import news.timeline.kafka.KafkaBroker;
import news.timeline.kafka.KafkaCluster;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Production's Kafka: three KRaft nodes, the topic kept three times and written only when two have it. The leader
 * of a partition is killed ({@code kill -9}) at about the 300th of 1,000 posts over 50 timelines: no editor sees a
 * {@code 5xx}, and every post is projected once, in order.
 */
class LeaderKillTest {

    private static final int POSTS = 1_000;

    @Test
    void aPartitionLeaderKilledMidStreamCostsEditorsAndReadersNothing(@TempDir Path dataDir) throws Exception {
        try (KafkaCluster kafka = KafkaCluster.start(dataDir.resolve("kafka"), 3, KafkaBroker.Jvm.SHORT_LIVED)) {
            String topic = "leader-kill-" + ServiceCrashTest.run();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(topic, 6, (short) 3).configs(Map.of(
                        TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2", TopicConfig.RETENTION_MS_CONFIG, "-1"))))
                        .all().get();
            }
            try (SeparateServices services = new SeparateServices(SeparateServices.Database.H2, dataDir,
                    kafka.bootstrapServers(), topic).start();
                 Editors editors = new Editors(services::commandUrl, "leader-kill", 50).openTimelines()) {
                editors.startPosting(8, Duration.ofMillis(20));
                ServiceCrashTest.awaitAcknowledged(editors, 300);
                KafkaBroker leader = kafka.leaderOf(topic, 0);
                leader.kill();
                ServiceCrashTest.awaitAcknowledged(editors, POSTS);
                editors.stopPosting();
                Instant lastAcknowledged = Instant.now();

                Reckoning reckoning = new Reckoning(editors).awaitProjected(services.queryUrl());
                Duration allProjected = Duration.between(lastAcknowledged, Instant.now());
                reckoning.readPipeline(kafka.bootstrapServers(), topic, services.queryUrl());
                services.command().terminate();
                reckoning.readEventStore(services.eventStoreUrl()).check(
                        "kill -9 of partition 0's leader of 3 KRaft nodes at about the 300th post",
                        new Reckoning.Recovery("all projected", allProjected, "the last post"));
                assertThat(editors.serverErrors()).isZero();
                assertThat(editors.acknowledgedCount()).isGreaterThanOrEqualTo(POSTS);
            }
        }
    }
}
