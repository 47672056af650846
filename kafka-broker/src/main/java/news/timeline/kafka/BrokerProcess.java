package news.timeline.kafka;

import kafka.Kafka;
import kafka.tools.StorageTool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Main class of the broker's child JVM: formats the KRaft log directory on first start, then runs
 * {@code kafka.Kafka}. It ends itself when its parent goes away (its standard input closes), so that no
 * broker outlives the JVM that started it, even when that one was killed.
 */
public final class BrokerProcess {

    private BrokerProcess() {
    }

    /** Arguments: the server.properties path, the log directory, the cluster id. */
    public static void main(String[] args) throws IOException {
        Path properties = Path.of(args[0]);
        Path logDir = Path.of(args[1]);
        String clusterId = args[2];
        exitWhenParentGoesAway();
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            int status = StorageTool.execute(
                    new String[] {"format", "-t", clusterId, "-c", properties.toString(), "--ignore-formatted"},
                    System.out);
            if (status != 0) {
                System.exit(status);
            }
        }
        Kafka.main(new String[] {properties.toString()});
    }

    private static void exitWhenParentGoesAway() {
        Thread watcher = new Thread(() -> {
            try {
                while (System.in.read() != -1) {
                    // the parent never writes; end of stream means it is gone
                }
            } catch (IOException ignored) {
                // a broken pipe means the same
            }
            System.exit(0);
        }, "parent-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }
}
