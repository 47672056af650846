package news.timeline.kafka;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Who may sign in to a cluster's brokers (SASL/PLAIN) and with which password. The passwords are chosen once, at
 * random, and kept in a file beside the cluster's data (readable by its owner only), so that a restart and the
 * operator who reads it know them. {@link #BROKER}, the brokers' and controllers' own login, and {@link #OPERATOR}
 * are super users: what any other login may do, ACLs say.
 */
public final class KafkaLogins {

    /** The login the nodes use among themselves. */
    public static final String BROKER = "broker";
    /** The login of the people and tools that run the cluster (topics, ACLs, reading any topic). */
    public static final String OPERATOR = "operator";

    private final Map<String, String> passwords;

    private KafkaLogins(Map<String, String> passwords) {
        this.passwords = passwords;
    }

    /** The logins kept in {@code file}, with a password made for each of {@code users} it does not hold yet. */
    public static KafkaLogins keptIn(Path file, List<String> users) {
        try {
            Properties kept = new Properties();
            if (Files.exists(file)) {
                try (Reader reader = Files.newBufferedReader(file)) {
                    kept.load(reader);
                }
            }
            Map<String, String> passwords = new LinkedHashMap<>();
            SecureRandom random = new SecureRandom();
            for (String user : Stream.concat(Stream.of(BROKER, OPERATOR), users.stream()).distinct().toList()) {
                String password = kept.getProperty(user);
                if (password == null) {
                    byte[] bytes = new byte[18];
                    random.nextBytes(bytes);
                    // URL-safe base64 has no quote or backslash, which JAAS would have to escape
                    password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
                    kept.setProperty(user, password);
                }
                passwords.put(user, password);
            }
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            try (Writer writer = Files.newBufferedWriter(file)) {
                kept.store(writer, "SASL/PLAIN logins of this Kafka cluster: user=password");
            }
            return new KafkaLogins(passwords);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the Kafka logins in " + file, e);
        }
    }

    /** What a Kafka client (producer, consumer, admin) needs besides the bootstrap servers to sign in as {@code user}. */
    public Map<String, Object> clientProperties(String user) {
        String password = passwords.get(user);
        if (password == null) {
            throw new IllegalArgumentException("no Kafka login " + user + "; there are " + passwords.keySet());
        }
        return Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "PLAIN",
                "sasl.jaas.config", jaas(user, password, ""));
    }

    /** A listener's JAAS configuration: the node signs in as {@link #BROKER} and knows every login. */
    String listenerJaas() {
        String users = passwords.entrySet().stream()
                .map(login -> " user_" + login.getKey() + "=\"" + login.getValue() + "\"")
                .collect(Collectors.joining());
        return jaas(BROKER, passwords.get(BROKER), users);
    }

    private static String jaas(String user, String password, String more) {
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + user
                + "\" password=\"" + password + "\"" + more + ";";
    }
}
