package news.timeline.embedded;

import news.timeline.events.Topics;
import news.timeline.kafka.KafkaBroker;
import news.timeline.kafka.KafkaCluster;
import news.timeline.kafka.KafkaLogins;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The cluster's ACLs ({@link ClusterAccess}) tried with real clients on a broker that asks every client to sign in:
 * the command service creates and writes the events topic, the query service reads it, and each is refused the
 * other's part; a wrong password or no login gets nothing at all.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterAccessTest {

    private static final String TOPIC = Topics.TIMELINE_EVENTS;

    private KafkaCluster kafka;

    @BeforeAll
    void startASignedInCluster(@TempDir Path dir) throws Exception {
        kafka = KafkaCluster.start(dir, 1, KafkaBroker.Jvm.SHORT_LIVED,
                KafkaLogins.keptIn(dir.resolve("logins.properties"), ClusterAccess.LOGINS));
        try (Admin admin = Admin.create(kafka.clientProperties(KafkaLogins.OPERATOR))) {
            ClusterAccess.grant(admin, TOPIC);
        }
        // the command service creates the topic, as on its first publish
        try (Admin admin = Admin.create(kafka.clientProperties(ClusterAccess.COMMAND_SERVICE))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    void stop() {
        kafka.close();
    }

    @Test
    void theCommandServiceWritesTheTopicAndTheQueryServiceReadsIt() throws Exception {
        try (KafkaProducer<String, String> producer = producer(ClusterAccess.COMMAND_SERVICE)) {
            producer.send(new ProducerRecord<>(TOPIC, "timeline-1", "posted")).get(30, TimeUnit.SECONDS);
        }
        try (KafkaConsumer<String, String> consumer = consumer(ClusterAccess.QUERY_SERVICE, "query-service-8082")) {
            consumer.subscribe(List.of(TOPIC));
            ConsumerRecords<String, String> records = ConsumerRecords.empty();
            for (int poll = 0; poll < 30 && records.isEmpty(); poll++) {
                records = consumer.poll(Duration.ofSeconds(1));
            }
            assertThat(records.records(TOPIC)).extracting(record -> record.value()).contains("posted");
            consumer.commitSync();
        }
    }

    @Test
    void theQueryServiceCannotWriteTheTopicNorDeleteIt() {
        try (KafkaProducer<String, String> producer = producer(ClusterAccess.QUERY_SERVICE)) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(TOPIC, "timeline-1", "forged"))
                    .get(30, TimeUnit.SECONDS))
                    .hasRootCauseInstanceOf(AuthorizationException.class);
        }
        try (Admin admin = Admin.create(kafka.clientProperties(ClusterAccess.QUERY_SERVICE))) {
            assertThatThrownBy(() -> admin.deleteTopics(List.of(TOPIC)).all().get(30, TimeUnit.SECONDS))
                    .cause().isInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void theQueryServiceReadsOnlyInGroupsNamedAfterIt() {
        try (KafkaConsumer<String, String> consumer = consumer(ClusterAccess.QUERY_SERVICE, "someone-else")) {
            consumer.subscribe(List.of(TOPIC));
            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10)))
                    .isInstanceOf(GroupAuthorizationException.class);
        }
    }

    @Test
    void theCommandServiceCannotReadWhatItWrote() {
        try (KafkaConsumer<String, String> consumer = consumer(ClusterAccess.COMMAND_SERVICE, null)) {
            consumer.assign(List.of(new TopicPartition(TOPIC, 0)));
            consumer.seekToBeginning(consumer.assignment());
            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10)))
                    .isInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void aWrongPasswordOrNoLoginGetsNothing() {
        Map<String, Object> wrongPassword = kafka.clientProperties(ClusterAccess.QUERY_SERVICE);
        wrongPassword.put("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required"
                + " username=\"" + ClusterAccess.QUERY_SERVICE + "\" password=\"guessed\";");
        try (Admin admin = Admin.create(wrongPassword)) {
            assertThatThrownBy(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS))
                    .cause().isInstanceOf(SaslAuthenticationException.class);
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000))) {
            assertThatThrownBy(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS))
                    .cause().isInstanceOf(TimeoutException.class);
        }
    }

    private KafkaProducer<String, String> producer(String login) {
        Map<String, Object> settings = kafka.clientProperties(login);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        return new KafkaProducer<>(settings, new StringSerializer(), new StringSerializer());
    }

    private KafkaConsumer<String, String> consumer(String login, String group) {
        Map<String, Object> settings = new HashMap<>(kafka.clientProperties(login));
        if (group != null) {
            settings.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer());
    }
}
