package news.timeline.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A Kafka cluster of several KRaft nodes, each broker and controller in a JVM of its own, as production runs three:
 * for tests that kill a partition's leader and count what the others kept.
 */
public final class KafkaCluster implements AutoCloseable {

    private final List<KafkaBroker> nodes;

    private KafkaCluster(List<KafkaBroker> nodes) {
        this.nodes = nodes;
    }

    /** Starts {@code size} nodes, the data of node {@code n} under {@code dataDir/node-n}, and waits for all. */
    public static KafkaCluster start(Path dataDir, int size, KafkaBroker.Jvm jvm) {
        return start(dataDir, size, jvm, null);
    }

    /** As above, each client signing in as one of {@code logins} and allowed only what ACLs let it. */
    public static KafkaCluster start(Path dataDir, int size, KafkaBroker.Jvm jvm, KafkaLogins logins) {
        List<Integer> ports = new ArrayList<>();
        List<Integer> controllerPorts = new ArrayList<>();
        for (int n = 0; n < size; n++) {
            ports.add(KafkaBroker.freePort());
            controllerPorts.add(KafkaBroker.freePort());
        }
        return start(dataDir, ports, controllerPorts, jvm, logins);
    }

    /**
     * As above, a node for each of {@code ports} (where clients reach it), its controller at the same place of
     * {@code controllerPorts}; started again on the same {@code dataDir}, the nodes go on with the data they kept.
     * With {@code logins}, every client signs in as one of them and may do only what ACLs let it.
     */
    public static KafkaCluster start(Path dataDir, List<Integer> ports, List<Integer> controllerPorts,
                                     KafkaBroker.Jvm jvm, KafkaLogins logins) {
        int size = ports.size();
        String voters = IntStream.range(0, size)
                .mapToObj(n -> (n + 1) + "@127.0.0.1:" + controllerPorts.get(n)).collect(Collectors.joining(","));
        List<KafkaBroker> nodes = new ArrayList<>();
        try {
            Path first = dataDir.resolve("node-1").resolve("cluster.id");
            String clusterId = Files.exists(first) ? Files.readString(first) : Uuid.randomUuid().toString();
            for (int n = 0; n < size; n++) {
                Path nodeDir = Files.createDirectories(dataDir.resolve("node-" + (n + 1)));
                Files.writeString(nodeDir.resolve("cluster.id"), clusterId);
                nodes.add(new KafkaBroker(nodeDir, ports.get(n), controllerPorts.get(n), jvm,
                        new KafkaBroker.Quorum(n + 1, voters, size), logins));
            }
            // a node serves only once a quorum of controllers runs: start them all, then wait for each
            nodes.forEach(KafkaBroker::launch);
            for (KafkaBroker node : nodes) {
                node.awaitReady();
            }
        } catch (IOException e) {
            nodes.forEach(KafkaBroker::kill);
            throw new UncheckedIOException("cannot start a Kafka cluster in " + dataDir, e);
        }
        return new KafkaCluster(nodes);
    }

    /** The nodes, in the order of their ports. */
    public List<KafkaBroker> nodes() {
        return nodes;
    }

    public String bootstrapServers() {
        return nodes.stream().map(KafkaBroker::bootstrapServers).collect(Collectors.joining(","));
    }

    /** What a client needs to reach the cluster as {@code user}: the bootstrap servers and, if asked for, a login. */
    public Map<String, Object> clientProperties(String user) {
        Map<String, Object> properties = nodes.get(0).clientProperties(user);
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return properties;
    }

    /** The node that leads {@code topic}'s {@code partition} now. */
    public KafkaBroker leaderOf(String topic, int partition) {
        try (Admin admin = Admin.create(clientProperties(KafkaLogins.BROKER))) {
            int leader = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                    .get(partition).leader().id();
            return nodes.get(leader - 1);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot describe " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        nodes.forEach(KafkaBroker::stop);
    }
}
