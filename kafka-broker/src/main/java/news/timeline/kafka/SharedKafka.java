package news.timeline.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** One broker for a whole test JVM: started on first use, stopped when the JVM exits. */
public final class SharedKafka {

    private static KafkaBroker broker;

    private SharedKafka() {
    }

    public static synchronized KafkaBroker broker() {
        if (broker == null) {
            try {
                broker = KafkaBroker.start(Files.createTempDirectory("kafka-shared-"), 0, KafkaBroker.Jvm.SHORT_LIVED);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return broker;
    }

    public static String bootstrapServers() {
        return broker().bootstrapServers();
    }
}
