package news.timeline.embedded;

import com.fasterxml.jackson.databind.ObjectMapper;
import news.timeline.command.CommandServiceApplication;
import news.timeline.events.Topics;
import news.timeline.kafka.KafkaBroker;
import news.timeline.kafka.KafkaCluster;
import news.timeline.kafka.KafkaLogins;
import news.timeline.query.QueryServiceApplication;
import org.apache.kafka.clients.admin.Admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The production shape on one machine, without Docker ({@code deploy/cluster.sh}): three KRaft brokers on 9092,
 * 9093 and 9094 (the topic kept three times, written once two have it; every client signs in, and ACLs let each
 * service do only its part: {@link ClusterAccess}), two command-service instances (8081, 8083)
 * sharing one event store on PostgreSQL, and two query-service instances (8082, 8084), each a full replica with a
 * database and a consumer group of its own. Each is a process of its own, so that any one can be killed; this
 * process watches over them as a service manager would (docker-compose's {@code restart: unless-stopped}): one that
 * ends is started again on its data, and all are stopped when it is stopped. It prints where everything is once all
 * answer.
 */
public final class LocalCluster {

    static final List<Integer> BROKER_PORTS = List.of(9092, 9093, 9094);
    static final List<Integer> CONTROLLER_PORTS = List.of(19092, 19093, 19094);
    static final List<Instance> INSTANCES = List.of(
            new Instance("command-service-8081", CommandServiceApplication.class, 8081, "timeline_commands", null),
            new Instance("command-service-8083", CommandServiceApplication.class, 8083, "timeline_commands", null),
            new Instance("query-service-8082", QueryServiceApplication.class, 8082, "timeline_readers_8082",
                    "query-service-8082"),
            new Instance("query-service-8084", QueryServiceApplication.class, 8084, "timeline_readers_8084",
                    "query-service-8084"));
    private static final Duration STARTUP = Duration.ofSeconds(240);
    /** How long an ended process stays down before it is started again (systemd's {@code RestartSec}). */
    private static final Duration RESTART_DELAY = Duration.ofSeconds(5);

    /** One service instance: its port, its database and, for a query service, its consumer group. */
    record Instance(String name, Class<?> mainClass, int port, String database, String consumerGroup) {

        String url() {
            return "http://127.0.0.1:" + port;
        }
    }

    private final Path dataDir;
    private final String postgres;
    private final List<Process> services = new ArrayList<>();
    private KafkaCluster brokers;
    private KafkaLogins logins;
    private volatile boolean stopping;

    private LocalCluster(Path dataDir, String postgres) {
        this.dataDir = dataDir;
        this.postgres = postgres;
    }

    /**
     * Arguments: the data folder; PostgreSQL's server at {@code POSTGRES_URL} (default
     * {@code jdbc:postgresql://127.0.0.1:5432/}), as {@code POSTGRES_USER} (default {@code postgres}).
     */
    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args.length > 0 ? args[0] : "cluster").toAbsolutePath();
        String postgres = System.getenv().getOrDefault("POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/");
        LocalCluster cluster = new LocalCluster(dataDir, postgres);
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::stop, "local-cluster-stop"));
        cluster.start();
        System.out.println(cluster.banner());
        // the processes started are this one's to watch and stop: it stays until it is stopped (cluster.sh down)
        cluster.restartWhatEnds();
    }

    /** Every second: a broker or an instance that ended (killed, crashed) is started again after a pause. */
    private void restartWhatEnds() throws InterruptedException {
        while (!stopping) {
            Thread.sleep(1_000);
            for (int i = 0; i < INSTANCES.size() && !stopping; i++) {
                Process service = service(i);
                if (!service.isAlive()) {
                    Instance instance = INSTANCES.get(i);
                    log(instance.name() + " ended (exit " + service.exitValue() + "); starting it again");
                    Thread.sleep(RESTART_DELAY.toMillis());
                    restart(i);
                }
            }
            for (int n = 0; n < BROKER_PORTS.size() && !stopping; n++) {
                KafkaBroker broker = brokers.nodes().get(n);
                if (!broker.isRunning()) {
                    log("Kafka broker " + (n + 1) + " ended; starting it again");
                    Thread.sleep(RESTART_DELAY.toMillis());
                    broker.start();
                    log("Kafka broker " + (n + 1) + " started again: pid " + broker.pid());
                }
            }
        }
    }

    private synchronized Process service(int i) {
        return services.get(i);
    }

    private synchronized void restart(int i) {
        if (stopping) {
            return;
        }
        try {
            services.set(i, launch(INSTANCES.get(i)));
            log(INSTANCES.get(i).name() + " started again: pid " + services.get(i).pid());
        } catch (IOException e) {
            log("cannot start " + INSTANCES.get(i).name() + " again: " + e);
        }
    }

    private static void log(String line) {
        System.out.println(Instant.now() + " " + line);
    }

    private void start() throws IOException, SQLException, InterruptedException, ExecutionException, TimeoutException {
        Files.createDirectories(dataDir.resolve("logs"));
        createDatabases();
        logins = KafkaLogins.keptIn(loginsFile(), ClusterAccess.LOGINS);
        brokers = KafkaCluster.start(dataDir.resolve("kafka"), BROKER_PORTS, CONTROLLER_PORTS,
                KafkaBroker.Jvm.LONG_RUNNING, logins);
        try (Admin admin = Admin.create(brokers.clientProperties(KafkaLogins.OPERATOR))) {
            ClusterAccess.grant(admin, Topics.TIMELINE_EVENTS);
        }
        for (Instance instance : INSTANCES) {
            services.add(launch(instance));
        }
        for (int i = 0; i < INSTANCES.size(); i++) {
            awaitReady(INSTANCES.get(i), services.get(i));
        }
    }

    /** The databases the instances use, made on first start: one event store, one projection per query instance. */
    private void createDatabases() throws SQLException {
        try (Connection connection = DriverManager.getConnection(postgres + "postgres", user(), "");
             Statement statement = connection.createStatement()) {
            for (String database : INSTANCES.stream().map(Instance::database).distinct().toList()) {
                boolean exists = statement.executeQuery(
                        "SELECT 1 FROM pg_database WHERE datname = '" + database + "'").next();
                if (!exists) {
                    statement.execute("CREATE DATABASE " + database);
                }
            }
        }
    }

    private Process launch(Instance instance) throws IOException {
        String login = instance.consumerGroup() == null ? ClusterAccess.COMMAND_SERVICE : ClusterAccess.QUERY_SERVICE;
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms128m", "-Xmx384m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), instance.mainClass().getName(),
                "--server.port=" + instance.port(),
                "--spring.profiles.active=postgres",
                "--spring.datasource.url=" + postgres + instance.database(),
                "--spring.datasource.username=" + user(),
                "--timeline.data-dir=" + dataDir.resolve(instance.name()),
                "--timeline.kafka.bootstrap-servers=" + bootstrapServers(),
                "--timeline.kafka.topic.replication-factor=3",
                "--timeline.kafka.topic.min-in-sync-replicas=2",
                "--timeline.desk.reader-url=http://localhost:8082"));
        if (instance.consumerGroup() != null) {
            command.add("--timeline.kafka.group-id=" + instance.consumerGroup());
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logOf(instance).toFile()));
        builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        // the login goes by the environment, which only its owner can read, not the command line everyone sees
        Map<String, Object> client = new TreeMap<>();
        logins.clientProperties(login).forEach((key, value) -> client.put("timeline.kafka.client." + key, value));
        builder.environment().put("SPRING_APPLICATION_JSON", new ObjectMapper().writeValueAsString(client));
        return builder.start();
    }

    private void awaitReady(Instance instance, Process process) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(instance.name() + " exited; see " + logOf(instance));
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(instance.url() + "/actuator/health/readiness"))
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(instance.name() + " not ready within " + STARTUP + "; see " + logOf(instance));
    }

    /** The services first (each finishing what it has in hand), then the brokers. */
    private void stop() {
        stopping = true;
        synchronized (this) {
            services.forEach(Process::destroy);
        }
        for (Process service : services) {
            try {
                service.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (brokers != null) {
            brokers.close();
        }
    }

    private String banner() {
        StringBuilder lines = new StringBuilder("""

                ==================================================================================
                 News timeline cluster is running (data and logs in %s)
                """.formatted(dataDir));
        for (int i = 0; i < BROKER_PORTS.size(); i++) {
            lines.append("   Kafka broker %d:          127.0.0.1:%d   pid %d%n".formatted(i + 1, BROKER_PORTS.get(i),
                    brokers.nodes().get(i).pid()));
        }
        for (int i = 0; i < INSTANCES.size(); i++) {
            Instance instance = INSTANCES.get(i);
            lines.append("   %-23s %s   pid %d   database %s%n".formatted(instance.name() + ":", instance.url(),
                    services.get(i).pid(), instance.database()));
        }
        return lines.append("""
                   Topic timeline-events: replication 3, min.insync.replicas 2; SASL/PLAIN logins in %s
                   (command-service writes it, query-service reads it, operator may do anything)
                   Reader page: http://127.0.0.1:8082/timelines/{id} (and 8084)   Desk: http://127.0.0.1:8081/desk
                 Stop with deploy/cluster.sh down; the data stays for the next start.
                ==================================================================================
                """.formatted(loginsFile())).toString();
    }

    private String bootstrapServers() {
        return BROKER_PORTS.stream().map(port -> "127.0.0.1:" + port).collect(Collectors.joining(","));
    }

    /** The cluster's logins and their passwords, kept with its data. */
    public static Path loginsFile(Path dataDir) {
        return dataDir.resolve("kafka").resolve("logins.properties");
    }

    private Path loginsFile() {
        return loginsFile(dataDir);
    }

    private Path logOf(Instance instance) {
        return dataDir.resolve("logs").resolve(instance.name() + ".log");
    }

    private static String user() {
        return System.getenv().getOrDefault("POSTGRES_USER", "postgres");
    }
}
