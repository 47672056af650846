package news.timeline.embedded;

import news.timeline.kafka.KafkaBroker;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * How to run the stack. {@code bootstrapServers} null starts a broker of our own on {@code kafkaPort} (0: any),
 * its JVM set up as {@code brokerJvm}; ports 0 pick free ones. The argument lists are Spring Boot arguments for
 * each service (e.g. a profile, a database URL).
 */
public record StackOptions(Path dataDir, String bootstrapServers, int kafkaPort, KafkaBroker.Jvm brokerJvm,
                           int commandPort, int queryPort, boolean loadDemo, List<String> commandArguments,
                           List<String> queryArguments) {

    private static final String COMMAND_ONLY = "command.";
    private static final String QUERY_ONLY = "query.";

    public StackOptions {
        commandArguments = List.copyOf(commandArguments);
        queryArguments = List.copyOf(queryArguments);
    }

    /**
     * The laptop's defaults, changed by a command line: a data folder ({@code defaultDataDir} without one), then
     * {@code --kafka-port=}, {@code --command-port=} and {@code --query-port=} (0: any free port); any other
     * {@code --name=value} is a setting for both services, or for one of them when its name starts with
     * {@code command.} or {@code query.} ({@code --query.spring.datasource.url=...}).
     */
    public static StackOptions fromCommandLine(String[] args, String defaultDataDir) {
        Map<String, Integer> ports = new HashMap<>(Map.of("kafka-port", 9092, "command-port", 8081, "query-port", 8082));
        List<String> commandSettings = new ArrayList<>();
        List<String> querySettings = new ArrayList<>();
        String dataDir = defaultDataDir;
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                dataDir = arg;
                continue;
            }
            String[] option = arg.substring(2).split("=", 2);
            if (option.length != 2) {
                throw new IllegalArgumentException("an option is --name=value: " + arg);
            }
            if (ports.containsKey(option[0])) {
                ports.put(option[0], Integer.parseInt(option[1]));
            } else if (option[0].startsWith(COMMAND_ONLY)) {
                commandSettings.add("--" + arg.substring(2 + COMMAND_ONLY.length()));
            } else if (option[0].startsWith(QUERY_ONLY)) {
                querySettings.add("--" + arg.substring(2 + QUERY_ONLY.length()));
            } else {
                commandSettings.add(arg);
                querySettings.add(arg);
            }
        }
        return new StackOptions(Path.of(dataDir), null, ports.get("kafka-port"), KafkaBroker.Jvm.LONG_RUNNING,
                ports.get("command-port"), ports.get("query-port"), true, commandSettings, querySettings);
    }

    /** Tests: free ports, the given broker ({@code null}: one of the stack's own, quick to start), no demo story. */
    public static StackOptions forTests(Path dataDir, String bootstrapServers) {
        return new StackOptions(dataDir, bootstrapServers, 0, KafkaBroker.Jvm.SHORT_LIVED, 0, 0, false,
                List.of(), List.of());
    }

    public StackOptions withDemo() {
        return new StackOptions(dataDir, bootstrapServers, kafkaPort, brokerJvm, commandPort, queryPort, true,
                commandArguments, queryArguments);
    }

    /** Arguments for both services. */
    public StackOptions withArguments(String... arguments) {
        return withCommandArguments(arguments).withQueryArguments(arguments);
    }

    public StackOptions withCommandArguments(String... arguments) {
        return new StackOptions(dataDir, bootstrapServers, kafkaPort, brokerJvm, commandPort, queryPort, loadDemo,
                Stream.concat(commandArguments.stream(), Stream.of(arguments)).toList(), queryArguments);
    }

    public StackOptions withQueryArguments(String... arguments) {
        return new StackOptions(dataDir, bootstrapServers, kafkaPort, brokerJvm, commandPort, queryPort, loadDemo,
                commandArguments, Stream.concat(queryArguments.stream(), Stream.of(arguments)).toList());
    }

    /**
     * Both services on a topic of their own, read by a consumer group of the same name: for a stack that shares
     * its broker with others but must see only its own events (fixed ids, a topic deleted or counted).
     */
    public StackOptions onTopic(String topic) {
        return withCommandArguments("--timeline.kafka.topic.name=" + topic)
                .withQueryArguments("--timeline.kafka.topic=" + topic)
                .withArguments("--timeline.kafka.group-id=" + topic);
    }
}
