package news.timeline.faults;

import news.timeline.command.CommandServiceApplication;
import news.timeline.query.QueryServiceApplication;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import news.timeline.testing.TestPostgres;

/**
 * The command service and the query service as production runs them: each in a process of its own, on its own
 * database (H2 files, or a schema each on the PostgreSQL of the tests), sharing a broker and a topic of their own.
 */
final class SeparateServices implements AutoCloseable {

    enum Database { H2, POSTGRES }

    static final String POSTGRES_URL = TestPostgres.url();

    private final Database database;
    private final String servicesPostgresUrl;
    private final Path dataDir;
    private final String name;
    private final String bootstrapServers;
    private final List<String> commandSettings;
    private final int commandPort = freePort();
    private final int queryPort = freePort();
    private final ServiceProcess command;
    private final ServiceProcess query;

    /**
     * Editors here post far more than one person would: a test's whole newsroom signs in as one user, so that
     * user's request budget is lifted.
     */
    static final List<String> LIFTED_BUDGET = List.of("--timeline.limits.requests-per-second=1000000",
            "--timeline.limits.burst=1000000");

    /** {@code name}: the topic, the consumer group and the schemas' stem, new for each test. */
    SeparateServices(Database database, Path dataDir, String bootstrapServers, String name) {
        this(database, dataDir, bootstrapServers, name, POSTGRES_URL, LIFTED_BUDGET);
    }

    /**
     * As above, the services reaching PostgreSQL at {@code servicesPostgresUrl} (a {@link TcpProxy}, say), the
     * command service with {@code commandSettings}.
     */
    SeparateServices(Database database, Path dataDir, String bootstrapServers, String name,
                     String servicesPostgresUrl, List<String> commandSettings) {
        this.database = database;
        this.servicesPostgresUrl = servicesPostgresUrl;
        this.dataDir = dataDir;
        this.name = name;
        this.bootstrapServers = bootstrapServers;
        this.commandSettings = commandSettings;
        command = commandInstance(commandPort, "command-service", dataDir);
        query = queryInstance(queryPort, "query-service", "", dataDir);
    }

    /**
     * Another command-service instance on the same event store (PostgreSQL: H2 is one process's file), on a port
     * of its own; not started.
     */
    ServiceProcess anotherCommandInstance(String instance) {
        return commandInstance(freePort(), "command-service-" + instance, dataDir.resolve(instance));
    }

    /**
     * Another query-service instance, a full replica: a database and a consumer group of its own, so that it
     * applies every partition; not started.
     */
    ServiceProcess anotherQueryInstance(String instance) {
        return queryInstance(freePort(), "query-service-" + instance, "_" + instance, dataDir.resolve(instance));
    }

    private ServiceProcess commandInstance(int port, String instance, Path dataDir) {
        List<String> arguments = new ArrayList<>(List.of("--timeline.data-dir=" + dataDir,
                "--timeline.kafka.bootstrap-servers=" + bootstrapServers, "--server.port=" + port,
                "--timeline.kafka.topic.name=" + name));
        arguments.addAll(databaseArguments(schema("command")));
        arguments.addAll(commandSettings);
        return new ServiceProcess(instance, CommandServiceApplication.class, arguments,
                this.dataDir.resolve(instance + ".log"), "http://127.0.0.1:" + port + "/actuator/health/readiness");
    }

    private ServiceProcess queryInstance(int port, String instance, String replica, Path dataDir) {
        List<String> arguments = new ArrayList<>(List.of("--timeline.data-dir=" + dataDir,
                "--timeline.kafka.bootstrap-servers=" + bootstrapServers, "--server.port=" + port,
                "--timeline.kafka.topic=" + name, "--timeline.kafka.group-id=" + name + replica));
        arguments.addAll(databaseArguments(schema("query") + replica));
        return new ServiceProcess(instance, QueryServiceApplication.class, arguments,
                this.dataDir.resolve(instance + ".log"), "http://127.0.0.1:" + port + "/actuator/health/readiness");
    }

    SeparateServices start() {
        command.start();
        query.start();
        return this;
    }

    ServiceProcess command() {
        return command;
    }

    ServiceProcess query() {
        return query;
    }

    String commandUrl() {
        return "http://127.0.0.1:" + commandPort;
    }

    String queryUrl() {
        return "http://127.0.0.1:" + queryPort;
    }

    String topic() {
        return name;
    }

    /** Where the command service's events are: for H2, readable only once the service has stopped. */
    String eventStoreUrl() {
        return database == Database.H2 ? "jdbc:h2:file:" + dataDir.resolve("command-service")
                : POSTGRES_URL + "?currentSchema=" + schema("command");
    }

    @Override
    public void close() {
        query.close();
        command.close();
    }

    private List<String> databaseArguments(String schema) {
        return database == Database.H2 ? List.of()
                : List.of("--spring.profiles.active=postgres",
                "--DATABASE_URL=" + servicesPostgresUrl + "?currentSchema=" + schema,
                "--spring.flyway.schemas=" + schema);
    }

    private String schema(String service) {
        return (service + "_" + name).replace('-', '_');
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
