package news.timeline.tools;

import news.timeline.events.EventChain;
import news.timeline.events.Topics;
import org.apache.kafka.common.KafkaException;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * {@code verify-chain --bootstrap-servers host:9092 [--consumer-config file] [--topic timeline-events]
 * [--timeline id ...]}: prints each timeline's verdict, one line each, and exits 0 when every chain is intact, 1 when
 * one is broken, 2 on a usage error. The consumer config, a Kafka client properties file as Kafka's own tools take,
 * says how to sign in to brokers that ask for it.
 */
public final class VerifyChain {

    private VerifyChain() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String bootstrapServers = null;
        Path consumerConfig = null;
        String topic = Topics.TIMELINE_EVENTS;
        Set<String> timelines = new LinkedHashSet<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--bootstrap-servers" -> bootstrapServers = args[i + 1];
                case "--consumer-config" -> consumerConfig = Path.of(args[i + 1]);
                case "--topic" -> topic = args[i + 1];
                case "--timeline" -> timelines.add(args[i + 1]);
                default -> bootstrapServers = null;
            }
        }
        if (bootstrapServers == null || args.length % 2 != 0) {
            err.println("usage: verify-chain --bootstrap-servers host:port [--consumer-config file] [--topic "
                    + Topics.TIMELINE_EVENTS + "] [--timeline id]...");
            return TimelineTools.USAGE;
        }
        Map<String, EventChain.Verifier> chains;
        try {
            Map<String, Object> kafka = new HashMap<>();
            if (consumerConfig != null) {
                Properties settings = new Properties();
                try (Reader reader = Files.newBufferedReader(consumerConfig)) {
                    settings.load(reader);
                }
                settings.forEach((key, value) -> kafka.put((String) key, value));
            }
            kafka.put("bootstrap.servers", bootstrapServers);
            chains = TopicChains.verify(kafka, topic, timelines);
        } catch (IOException e) {
            err.println("cannot read " + consumerConfig + ": " + e);
            return TimelineTools.USAGE;
        } catch (IllegalArgumentException | KafkaException e) {
            err.println(e.getMessage());
            return TimelineTools.USAGE;
        }
        // at the end of the topic: an event erased there must have been named by an erasure after it
        chains.values().forEach(EventChain.Verifier::finish);
        chains.forEach((timeline, chain) -> out.println(chain.broken()
                .map(at -> timeline + ": BROKEN at sequence " + at.sequence() + ": " + at.reason())
                .orElse(timeline + ": intact, " + chain.verifiedEvents() + " events, head " + chain.head())));
        Set<String> absent = new LinkedHashSet<>(timelines);
        absent.removeAll(chains.keySet());
        for (String timeline : absent) {
            out.println(timeline + ": no events on " + topic);
        }
        return absent.isEmpty() && chains.values().stream().allMatch(chain -> chain.broken().isEmpty())
                ? TimelineTools.SUCCESS : TimelineTools.FAILURE;
    }
}
