package news.timeline.embedded;

import news.timeline.command.CommandServiceApplication;
import news.timeline.kafka.KafkaBroker;
import news.timeline.query.QueryServiceApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The whole service on one machine with nothing but a JDK: a real Kafka broker (KRaft), the command service and
 * the query service, each on its own H2 file under one data folder, and the demo story on first start.
 */
public final class EmbeddedStack implements AutoCloseable {

    private final KafkaBroker broker;
    private final String bootstrapServers;
    private final ConfigurableApplicationContext commandService;
    private final ConfigurableApplicationContext queryService;

    private EmbeddedStack(KafkaBroker broker, String bootstrapServers,
                          ConfigurableApplicationContext commandService, ConfigurableApplicationContext queryService) {
        this.broker = broker;
        this.bootstrapServers = bootstrapServers;
        this.commandService = commandService;
        this.queryService = queryService;
    }

    public static EmbeddedStack start(StackOptions options) {
        Path dataDir = options.dataDir().toAbsolutePath();
        KafkaBroker broker = options.bootstrapServers() == null
                ? KafkaBroker.start(dataDir.resolve("kafka"), options.kafkaPort(), options.brokerJvm()) : null;
        String bootstrapServers = broker != null ? broker.bootstrapServers() : options.bootstrapServers();
        ConfigurableApplicationContext command = null;
        try {
            command = run(CommandServiceApplication.builder(), options.commandPort(), dataDir, bootstrapServers,
                    options.commandArguments());
            ConfigurableApplicationContext query =
                    run(QueryServiceApplication.builder(), options.queryPort(), dataDir, bootstrapServers,
                            options.queryArguments());
            // the desk reads from the query service, whose port is known only now
            command.getEnvironment().getPropertySources().addFirst(new MapPropertySource("embedded-stack",
                    Map.of("timeline.desk.reader-url", url(query))));
            EmbeddedStack stack = new EmbeddedStack(broker, bootstrapServers, command, query);
            if (options.loadDemo()) {
                DemoStory.loadInto(stack);
                DemoStory.awaitReaders(stack);
            }
            return stack;
        } catch (RuntimeException e) {
            if (command != null) {
                command.close();
            }
            if (broker != null) {
                broker.stop();
            }
            throw e;
        }
    }

    private static ConfigurableApplicationContext run(SpringApplicationBuilder service, int port, Path dataDir,
                                                      String bootstrapServers, List<String> extraArguments) {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=" + port,
                "--timeline.data-dir=" + dataDir,
                "--timeline.kafka.bootstrap-servers=" + bootstrapServers));
        arguments.addAll(extraArguments);
        return service.run(arguments.toArray(String[]::new));
    }

    public String commandUrl() {
        return url(commandService);
    }

    public String queryUrl() {
        return url(queryService);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public ConfigurableApplicationContext commandService() {
        return commandService;
    }

    public ConfigurableApplicationContext queryService() {
        return queryService;
    }

    private static String url(ConfigurableApplicationContext context) {
        return "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
    }

    /** Stops the services, then the broker, so that nothing published is left unacknowledged. */
    @Override
    public void close() {
        queryService.close();
        commandService.close();
        if (broker != null) {
            broker.stop();
        }
    }

    /**
     * Arguments: the data folder (default {@code data}), {@code --kafka-port=}, {@code --command-port=},
     * {@code --query-port=}, and settings for both services ({@code --timeline.live.streams-per-address=100}).
     */
    public static void main(String[] args) {
        StackOptions options = StackOptions.fromCommandLine(args, System.getProperty("timeline.data-dir", "data"));
        Path dataDir = options.dataDir();
        EmbeddedStack stack = start(options);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            // everything is stopped: end with success, as Ctrl-C is how this is meant to end
            Runtime.getRuntime().halt(0);
        }, "embedded-stack-stop"));
        System.out.println(banner(stack, dataDir));
    }

    private static String banner(EmbeddedStack stack, Path dataDir) {
        return """

                ==================================================================================
                 News timeline is running (data in %s)
                   Reader page:             %s/timelines/%s
                   Reader timeline (JSON):  %s/api/timelines/%s
                   Editor desk:             %s/desk
                   Editors' API:            %s/api/timelines   (HTTP Basic)
                   Kafka (KRaft broker):    %s, topic timeline-events
                 Demo accounts (user / password), for this laptop only:
                   editor / editor     editor2 / editor2     auditor / auditor     admin / admin
                 Stop with Ctrl-C; the data stays for the next start.
                ==================================================================================
                """.formatted(dataDir.toAbsolutePath(), stack.queryUrl(), DemoStory.TIMELINE_ID,
                stack.queryUrl(), DemoStory.TIMELINE_ID,
                stack.commandUrl(), stack.commandUrl(), stack.bootstrapServers());
    }
}
