package news.timeline.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller in one), run from the Kafka jars in a
 * child JVM. It keeps its data in {@code dataDir} and its ports across {@link #stop()} and {@link #start()},
 * so a test can take it down and bring the same broker back.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

    /** How the broker's JVM runs. */
    public enum Jvm {
        /**
         * Kafka's own start script's settings (G1 aiming at 20 ms pauses) on a smaller heap, for a broker that
         * serves for hours: with only the quick compiler it used twice the CPU per message.
         */
        LONG_RUNNING("-Xms256m", "-Xmx512m", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20",
                "-XX:InitiatingHeapOccupancyPercent=35", "-XX:+ExplicitGCInvokesConcurrent", "-XX:MaxInlineLevel=15"),
        /** For tests: serving sooner and lighter on a small machine, without the optimizing compiler. */
        SHORT_LIVED("-Xms256m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

        private final List<String> options;

        Jvm(String... options) {
            this.options = List.of(options);
        }
    }

    /**
     * Where a node stands in its cluster: its id, every controller as {@code controller.quorum.voters} lists them,
     * and how many copies the cluster's internal topics keep (at most its size).
     */
    record Quorum(int nodeId, String voters, int internalReplicas) {
    }

    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private final Jvm jvm;
    private final Quorum quorum;
    private final KafkaLogins logins;
    private Process process;

    /** {@code logins} null: anyone may connect and do anything, as on a laptop. */
    KafkaBroker(Path dataDir, int port, int controllerPort, Jvm jvm, Quorum quorum, KafkaLogins logins) {
        this.dataDir = dataDir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.jvm = jvm;
        this.quorum = quorum;
        this.logins = logins;
        Runtime.getRuntime().addShutdownHook(new Thread(this::destroyQuietly, "kafka-broker-stop"));
    }

    /** Starts a broker keeping its data in {@code dataDir}; {@code port} 0 picks a free one. */
    public static KafkaBroker start(Path dataDir, int port, Jvm jvm) {
        int controllerPort = freePort();
        KafkaBroker broker = new KafkaBroker(dataDir, port == 0 ? freePort() : port, controllerPort, jvm,
                new Quorum(1, "1@127.0.0.1:" + controllerPort, 1), null);
        broker.start();
        return broker;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** What a client needs to reach this node as {@code user} (of its logins, if it requires them). */
    Map<String, Object> clientProperties(String user) {
        Map<String, Object> properties = new HashMap<>(logins == null ? Map.of() : logins.clientProperties(user));
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return properties;
    }

    /** The broker JVM's process id, for whoever would end it from outside (an operator's {@code kill -9}). */
    public synchronized long pid() {
        return process.pid();
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Starts the broker again (after {@link #stop()} or {@link #kill()}) and waits until it serves. */
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        launch();
        try {
            awaitReady();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Kafka broker in " + dataDir, e);
        }
        log.info("Kafka broker (KRaft) ready at {} with data in {}", bootstrapServers(), dataDir);
    }

    /** Starts the broker's JVM without waiting: a node of a cluster serves only once a quorum of them runs. */
    synchronized void launch() {
        try {
            Files.createDirectories(dataDir);
            Path properties = writeServerProperties();
            Path logback = writeLogbackConfig();
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvm.options);
            command.addAll(List.of(
                    "-Dlogback.configurationFile=" + logback,
                    "-Dlog4j2.configurationFile=" + logback,
                    "-cp", System.getProperty("java.class.path"),
                    BrokerProcess.class.getName(),
                    properties.toString(), logDir().toString(), clusterId()));
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("console.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Kafka broker in " + dataDir, e);
        }
    }

    /** Shuts the broker down cleanly and waits for it. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        awaitExit(Duration.ofSeconds(30));
    }

    /** Ends the broker at once, as a crash or a pulled cable would. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    @Override
    public void close() {
        stop();
    }

    private void awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    private synchronized void destroyQuietly() {
        Process p = process;
        if (p != null) {
            p.destroy();
        }
    }

    void awaitReady() throws IOException {
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        awaitListening(deadline);
        Map<String, Object> properties = clientProperties(KafkaLogins.BROKER);
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2_000);
        try (Admin admin = Admin.create(properties)) {
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the Kafka broker exited with " + process.exitValue()
                            + "; see " + dataDir.resolve("console.log") + " and " + dataDir.resolve("broker.log"));
                }
                String answeringCluster;
                try {
                    answeringCluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs(2_000))
                            .clusterId().get();
                } catch (Exception notYet) {
                    answeringCluster = null;
                }
                if (answeringCluster != null) {
                    if (answeringCluster.equals(clusterId())) {
                        return;
                    }
                    process.destroyForcibly();
                    throw new IllegalStateException("port " + port + " is served by another Kafka cluster ("
                            + answeringCluster + "); stop it or choose another port");
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("the Kafka broker did not become ready within "
                            + STARTUP_TIMEOUT + "; see " + dataDir.resolve("broker.log"));
                }
            }
        }
    }

    /** Quietly waits for the port to open, before a Kafka client would log every refused connection. */
    private void awaitListening(Instant deadline) {
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            }
        }
    }

    private Path logDir() {
        return dataDir.resolve("kraft-logs");
    }

    /**
     * The cluster id is chosen once and kept with the data, so a restart finds its formatted log dir; the nodes of a
     * cluster are given theirs before their first start.
     */
    String clusterId() throws IOException {
        Path file = dataDir.resolve("cluster.id");
        if (!Files.exists(file)) {
            // Kafka's own ids never start with '-', which the storage tool would take for an option
            Files.writeString(file, Uuid.randomUuid().toString());
        }
        return Files.readString(file).trim();
    }

    private Path writeServerProperties() throws IOException {
        String listener = logins == null ? "PLAINTEXT" : "SASL_PLAINTEXT";
        String properties = String.join("\n",
                "process.roles=broker,controller",
                "node.id=" + quorum.nodeId(),
                "controller.quorum.voters=" + quorum.voters(),
                "listeners=" + listener + "://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=" + listener + "://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=" + listener,
                "listener.security.protocol.map=" + listener + ":" + listener + ",CONTROLLER:" + listener,
                signingIn(),
                "log.dirs=" + logDir(),
                "num.partitions=3",
                "auto.create.topics.enable=false",
                // internal topics cannot have more replicas than there are nodes, or consumer groups get nothing
                "offsets.topic.replication.factor=" + quorum.internalReplicas(),
                "offsets.topic.num.partitions=3",
                "transaction.state.log.replication.factor=" + quorum.internalReplicas(),
                "transaction.state.log.min.isr=" + Math.min(2, quorum.internalReplicas()),
                "share.coordinator.state.topic.replication.factor=" + quorum.internalReplicas(),
                "group.initial.rebalance.delay.ms=0",
                "");
        Path file = dataDir.resolve("server.properties");
        Files.writeString(file, properties);
        return file;
    }

    /**
     * With logins: every listener, the controllers' too (else their requests arrive as {@code User:ANONYMOUS}),
     * asks for SASL/PLAIN, and only ACLs let a login do anything (the nodes' own is a super user).
     */
    private String signingIn() {
        if (logins == null) {
            return "";
        }
        return String.join("\n",
                "sasl.enabled.mechanisms=PLAIN",
                "sasl.mechanism.inter.broker.protocol=PLAIN",
                "sasl.mechanism.controller.protocol=PLAIN",
                "listener.name.sasl_plaintext.plain.sasl.jaas.config=" + logins.listenerJaas(),
                "listener.name.controller.plain.sasl.jaas.config=" + logins.listenerJaas(),
                "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                "super.users=User:" + KafkaLogins.BROKER + ";User:" + KafkaLogins.OPERATOR,
                "allow.everyone.if.no.acl.found=false");
    }

    private Path writeLogbackConfig() throws IOException {
        String config = """
                <configuration>
                  <appender name="FILE" class="ch.qos.logback.core.FileAppender">
                    <file>%s</file>
                    <encoder><pattern>%%d{HH:mm:ss.SSS} %%-5level %%logger{36} - %%msg%%n</pattern></encoder>
                  </appender>
                  <root level="INFO"><appender-ref ref="FILE"/></root>
                </configuration>
                """.formatted(dataDir.resolve("broker.log"));
        Path file = dataDir.resolve("logback.xml");
        Files.writeString(file, config);
        return file;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
