package news.timeline.system;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing here can run docker-compose.yml, so this reads it: the cluster it describes, and every setting it hands a
 * service must be one the service reads (a {@code ${NAME}} in its configuration, or a profile it defines).
 */
class ComposeFileTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+)");
    private static final Pattern PROFILE = Pattern.compile("on-profile:\\s*(\\S+)");
    private static final List<String> INSTANCES = List.of("command-service-1", "command-service-2",
            "query-service-1", "query-service-2");

    @Test
    void describesThreeKraftBrokersOfTheOfficialImageAndPostgres() throws IOException {
        Map<String, Map<String, Object>> services = services();

        List<String> brokers = services.keySet().stream().filter(name -> name.startsWith("kafka-")).sorted().toList();
        assertThat(brokers).containsExactly("kafka-1", "kafka-2", "kafka-3");
        for (String broker : brokers) {
            assertThat((String) services.get(broker).get("image")).startsWith("apache/kafka:");
            Map<String, Object> env = environment(services.get(broker));
            assertThat(env.get("KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
            assertThat(env.get("KAFKA_CONTROLLER_QUORUM_VOTERS"))
                    .isEqualTo("1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093");
            assertThat(env.get("KAFKA_ADVERTISED_LISTENERS")).isEqualTo("PLAINTEXT://" + broker + ":9092");
        }
        assertThat((String) services.get("postgres").get("image")).startsWith("postgres:");
    }

    @Test
    void everySettingPassedToAServiceIsOneItReads() throws IOException {
        Map<String, Map<String, Object>> services = services();

        for (String instance : INSTANCES) {
            String service = instance.substring(0, instance.lastIndexOf('-'));
            String config = Files.readString(ROOT.resolve(service + "/src/main/resources/" + service + ".yml"))
                    + Files.readString(ROOT.resolve("newsroom-accounts/src/main/resources/newsroom-accounts.yml"));
            Set<String> placeholders = matches(PLACEHOLDER, config);
            Set<String> profiles = matches(PROFILE, config);
            Map<String, Object> env = environment(services.get(instance));
            assertThat(env).as(instance).isNotEmpty();
            env.forEach((name, value) -> {
                if (name.equals("SPRING_PROFILES_ACTIVE")) {
                    assertThat(profiles).as(instance + " profiles").contains(value.toString().split(","));
                } else {
                    assertThat(placeholders).as(instance + " reads " + name).contains(name);
                }
            });
            Map<?, ?> build = (Map<?, ?>) services.get(instance).get("build");
            assertThat(ROOT.resolve(build.get("dockerfile").toString())).exists();
            assertThat(env.get("KAFKA_BOOTSTRAP_SERVERS")).isEqualTo("kafka-1:9092,kafka-2:9092,kafka-3:9092");
        }
    }

    /**
     * Two instances of each service, as README's decisions have them: the command instances on one event store,
     * each query instance a replica with a database and a consumer group of its own; every database they name is
     * made by PostgreSQL's first start, and each instance listens on a port of its own.
     */
    @Test
    void describesTwoInstancesOfEachServiceOnTheDatabasesPostgresMakes() throws IOException {
        Map<String, Map<String, Object>> services = services();
        String init = Files.readString(ROOT.resolve("deploy/postgres/init.sql"));

        assertThat(services.keySet().stream().filter(name -> name.contains("-service-")))
                .containsExactlyInAnyOrderElementsOf(INSTANCES);
        assertThat(environment(services.get("command-service-1")).get("DATABASE_URL")).as("one event store")
                .isEqualTo(environment(services.get("command-service-2")).get("DATABASE_URL"));
        Map<String, Object> firstReplica = environment(services.get("query-service-1"));
        Map<String, Object> secondReplica = environment(services.get("query-service-2"));
        assertThat(firstReplica.get("DATABASE_URL")).isNotEqualTo(secondReplica.get("DATABASE_URL"));
        assertThat(firstReplica.get("TIMELINE_CONSUMER_GROUP"))
                .isNotEqualTo(secondReplica.get("TIMELINE_CONSUMER_GROUP"));
        for (String instance : INSTANCES) {
            String url = environment(services.get(instance)).get("DATABASE_URL").toString();
            assertThat(init).as(instance + "'s database").contains("CREATE DATABASE " + url.substring(
                    url.lastIndexOf('/') + 1) + ";");
        }
        assertThat(INSTANCES.stream().map(instance -> environment(services.get(instance)).get("PORT")).distinct())
                .hasSize(INSTANCES.size());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() throws IOException {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(100);
        Map<String, Object> compose = new Yaml(options).load(Files.readString(ROOT.resolve("docker-compose.yml")));
        return (Map<String, Map<String, Object>>) compose.get("services");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environment(Map<String, Object> service) {
        return (Map<String, Object>) service.get("environment");
    }

    private static Set<String> matches(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.results().map(result -> result.group(1)).collect(Collectors.toSet());
    }
}
