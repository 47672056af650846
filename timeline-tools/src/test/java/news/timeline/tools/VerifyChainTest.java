package news.timeline.tools;

import news.timeline.events.Block;
import news.timeline.events.Content;
import news.timeline.events.EventEnvelope;
import news.timeline.events.EventJson;
import news.timeline.events.TimelineEvent;
import news.timeline.events.TimelineOpened;
import news.timeline.events.UpdatePosted;
import news.timeline.kafka.SharedKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;

/** The command-line verifier against a real broker: intact chains, a redelivery, a changed record, a missing one. */
class VerifyChainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void intactChainsPassEvenWithARedeliveredRecord() {
        String topic = "verify-" + UUID.randomUUID();
        List<byte[]> events = chain("kent", 4);
        List<byte[]> withRedelivery = new ArrayList<>(events);
        withRedelivery.addAll(events.subList(2, 4));
        publish(topic, "kent", withRedelivery);
        publish(topic, "essex", chain("essex", 2));

        int exit = verify("--bootstrap-servers", SharedKafka.bootstrapServers(), "--topic", topic);

        assertThat(exit).as(err.toString()).isEqualTo(TimelineTools.SUCCESS);
        assertThat(out.toString()).contains("essex: intact, 2 events, head ")
                .contains("kent: intact, 4 events, head " + EventJson.read(events.get(3)).hash());
    }

    @Test
    void aChangedRecordIsReportedAtItsSequence() {
        String topic = "verify-" + UUID.randomUUID();
        List<byte[]> events = chain("rochester", 5);
        events.set(2, new String(events.get(2), StandardCharsets.UTF_8).replace("Update 2", "Update two")
                .getBytes(StandardCharsets.UTF_8));
        publish(topic, "rochester", events);
        publish(topic, "clacton", chain("clacton", 3));

        int exit = verify("--bootstrap-servers", SharedKafka.bootstrapServers(), "--topic", topic,
                "--timeline", "rochester", "--timeline", "nowhere");

        assertThat(exit).isEqualTo(TimelineTools.FAILURE);
        assertThat(out.toString()).contains("rochester: BROKEN at sequence 2: changed since it was recorded")
                .contains("nowhere: no events on " + topic).doesNotContain("clacton");
    }

    @Test
    void withoutABrokerAddressItSaysHowToRunIt() {
        assertThat(verify("--topic", "x")).isEqualTo(TimelineTools.USAGE);
        assertThat(err.toString()).startsWith("usage: verify-chain --bootstrap-servers");
    }

    @Test
    void theConsumerConfigReachesTheConsumer(@TempDir Path dir) throws IOException {
        Path config = Files.writeString(dir.resolve("consumer.properties"), "security.protocol=CARRIER_PIGEON\n");

        int exit = verify("--bootstrap-servers", SharedKafka.bootstrapServers(), "--consumer-config",
                config.toString());

        assertThat(exit).isEqualTo(TimelineTools.USAGE);
        assertThat(err.toString()).contains("CARRIER_PIGEON");
    }

    @Test
    void aConsumerConfigThatCannotBeReadIsAUsageError(@TempDir Path dir) {
        int exit = verify("--bootstrap-servers", SharedKafka.bootstrapServers(), "--consumer-config",
                dir.resolve("absent.properties").toString());

        assertThat(exit).isEqualTo(TimelineTools.USAGE);
        assertThat(err.toString()).startsWith("cannot read ");
    }

    private int verify(String... args) {
        return VerifyChain.run(args, new PrintStream(out, true), new PrintStream(err, true));
    }

    /** A timeline opened, then {@code count - 1} updates, each event linked to the one before. */
    private static List<byte[]> chain(String timelineId, int count) {
        List<byte[]> events = new ArrayList<>();
        String previous = null;
        for (int sequence = 0; sequence < count; sequence++) {
            TimelineEvent payload = sequence == 0 ? new TimelineOpened(timelineId, "By-election", "Live")
                    : new UpdatePosted(timelineId, "u" + sequence, new Content("Update " + sequence,
                    List.of(new Block.Paragraph("Text " + sequence)), false));
            EventEnvelope event = EventEnvelope.of(UUID.randomUUID().toString(), sequence,
                    Instant.parse("2014-10-10T08:00:00Z").plusSeconds(sequence), "editor", payload)
                    .chainedTo(previous);
            previous = event.hash();
            events.add(EventJson.write(event));
        }
        return events;
    }

    private static void publish(String topic, String key, List<byte[]> values) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedKafka.bootstrapServers()))) {
            if (!admin.listTopics().names().get().contains(topic)) {
                admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
            }
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            values.forEach(value -> producer.send(new ProducerRecord<>(topic, key, value)));
        }
    }
}
