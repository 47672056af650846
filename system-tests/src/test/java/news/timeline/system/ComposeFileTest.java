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
    /** Bound by name into the {@code timeline.kafka.client} map of both services (ConsumerPropertiesTest). */
    private static final String KAFKA_CLIENT_SETTING = "TIMELINE_KAFKA_CLIENT_";
    private static final List<String> INSTANCES = List.of("command-service-1", "command-service-2",
            "query-service-1", "query-service-2");

    @Test
    void describesThreeKraftBrokersOfTheOfficialImageAndPostgres() throws IOException {
        Map<String, Map<String, Object>> services = services();

        List<String> brokers = services.keySet().stream().filter(name -> name.matches("kafka-\\d+")).sorted()
                .toList();
        assertThat(brokers).containsExactly("kafka-1", "kafka-2", "kafka-3");
        for (String broker : brokers) {
            assertThat((String) services.get(broker).get("image")).startsWith("apache/kafka:");
            Map<String, Object> env = environment(services.get(broker));
            assertThat(env.get("KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
            assertThat(env.get("KAFKA_CONTROLLER_QUORUM_VOTERS"))
                    .isEqualTo("1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093");
            assertThat(env.get("KAFKA_ADVERTISED_LISTENERS")).isEqualTo("SASL_PLAINTEXT://" + broker + ":9092");
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
                } else if (!name.startsWith(KAFKA_CLIENT_SETTING)) {
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

    /**
     * As {@code deploy/cluster.sh}: every listener asks for a login, only ACLs allow anything, each instance signs in
     * as its service, and the ACLs, granted before any instance starts, give the query service no right to write.
     */
    @Test
    void kafkaLetsEachServiceOnlyItsPart() throws IOException {
        Map<String, Map<String, Object>> services = services();

        for (String broker : List.of("kafka-1", "kafka-2", "kafka-3")) {
            Map<String, Object> env = environment(services.get(broker));
            assertThat(env.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP"))
                    .isEqualTo("SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT");
            assertThat(env.get("KAFKA_AUTHORIZER_CLASS_NAME"))
                    .isEqualTo("org.apache.kafka.metadata.authorizer.StandardAuthorizer");
            assertThat(env.get("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND")).isEqualTo("false");
            assertThat(env.get("KAFKA_LISTENER_NAME_CONTROLLER_PLAIN_SASL_JAAS_CONFIG"))
                    .isEqualTo(env.get("KAFKA_LISTENER_NAME_SASL__PLAINTEXT_PLAIN_SASL_JAAS_CONFIG"));
        }
        for (String instance : INSTANCES) {
            String login = instance.substring(0, instance.lastIndexOf('-'));
            Map<String, Object> env = environment(services.get(instance));
            assertThat(env.get(KAFKA_CLIENT_SETTING + "SECURITY_PROTOCOL")).isEqualTo("SASL_PLAINTEXT");
            assertThat(env.get(KAFKA_CLIENT_SETTING + "SASL_JAAS_CONFIG").toString()).as(instance + "'s login")
                    .contains("username=\"" + login + "\"");
            assertThat(services.get(instance).get("depends_on").toString())
                    .contains("kafka-acls={condition=service_completed_successfully}");
        }
        List<String> grants = ((List<?>) services.get("kafka-acls").get("command")).get(0).toString().lines()
                .filter(line -> line.contains("--allow-principal")).toList();
        assertThat(grants).hasSize(3);
        assertThat(grants.stream().filter(grant -> grant.contains("User:query-service")))
                .allSatisfy(grant -> assertThat(grant).doesNotContain("Write", "Create", "Delete", "Alter", "All"));
        assertThat(grants.stream().filter(grant -> grant.contains("User:command-service")))
                .singleElement().asString().contains("--operation Write", "--topic timeline-events");
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
