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
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The cluster's ACLs ({@link ClusterAccess}) tried with real clients on a broker that asks every client to sign in:
 * the command service creates and writes the events topic, the query service reads it, and each is refused the
 * other's part; a wrong password or no login gets nothing at all.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterAccessTest {

    private static final String TOPIC = Topics.TIMELINE_EVENTS;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

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

    /**
     * The services started before an operator granted them their part (the command service may see the topic, not
     * write it; the query service nothing): a post is stored (the editor's {@code 201}), the relay's sends are
     * refused and the query service is DOWN saying Kafka refuses it; once granted, the relay publishes it and the
     * projections apply it, without a restart.
     */
    @Test
    void servicesStartedBeforeTheirGrantsGoOnOnceGranted(@TempDir Path dir) throws Exception {
        String topic = "granted-late";
        StackOptions options = StackOptions.forTests(dir, kafka.bootstrapServers())
                .withCommandArguments("--timeline.kafka.topic.name=" + topic)
                .withCommandArguments(login(ClusterAccess.COMMAND_SERVICE))
                .withQueryArguments("--timeline.kafka.topic=" + topic, "--timeline.kafka.group-id=query-service-late")
                .withQueryArguments(login(ClusterAccess.QUERY_SERVICE));
        try (EmbeddedStack stack = EmbeddedStack.start(options);
             Admin operator = Admin.create(kafka.clientProperties(KafkaLogins.OPERATOR))) {
            operator.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            // half granted at first: the command service sees the topic, but may not write it
            ResourcePattern events = new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL);
            operator.createAcls(Stream.of(AclOperation.CREATE, AclOperation.DESCRIBE).map(operation ->
                    new AclBinding(events, new AccessControlEntry("User:" + ClusterAccess.COMMAND_SERVICE, "*",
                            operation, AclPermissionType.ALLOW))).toList()).all().get(30, TimeUnit.SECONDS);
            HttpResponse<String> opened = post(stack.commandUrl() + "/api/timelines",
                    "{\"id\":\"late\",\"title\":\"Granted late\"}");
            assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
            await("the query service saying Kafka refuses it").atMost(Duration.ofSeconds(60))
                    .until(() -> get(stack.queryUrl() + "/actuator/health").body(),
                            health -> health.contains("refuses the consumer"));

            ClusterAccess.grant(operator, topic);

            await("the timeline projected").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .until(() -> get(stack.queryUrl() + "/api/timelines/late").statusCode() == 200);
            await("the query service UP").atMost(Duration.ofSeconds(30))
                    .until(() -> get(stack.queryUrl() + "/actuator/health").statusCode() == 200);
        }
    }

    /** The arguments that make a service sign in as {@code login}. */
    private String[] login(String login) {
        return kafka.clientProperties(login).entrySet().stream()
                .filter(setting -> !setting.getKey().equals(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG))
                .map(setting -> "--timeline.kafka.client." + setting.getKey() + "=" + setting.getValue())
                .toArray(String[]::new);
    }

    private static HttpResponse<String> post(String url, String json) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("editor:editor".getBytes()))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
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
