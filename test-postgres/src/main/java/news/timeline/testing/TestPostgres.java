package news.timeline.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where the tests' PostgreSQL is: {@code TEST_POSTGRES_URL} when given (user {@code postgres}, no password), else a
 * real PostgreSQL of the build's own, started once for the test JVM from binaries that Maven brings, on a free port,
 * and stopped with it. A machine with only a JDK runs every test so. Tests make their own schemas in it.
 */
public final class TestPostgres {

    private static String url;

    private TestPostgres() {
    }

    /** A JDBC URL of a database in which tests may create schemas. */
    public static synchronized String url() {
        if (url == null) {
            String given = System.getenv("TEST_POSTGRES_URL");
            url = given != null && !given.isBlank() ? given : startOwn();
        }
        return url;
    }

    private static String startOwn() {
        try {
            Path dataDir = Files.createTempDirectory("test-postgres-");
            // the services under test are killed in some tests, this server never is: durability at commit (fsync)
            // is PostgreSQL's own promise and would only slow every test down
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(dataDir)
                    .setCleanDataDirectory(true).setServerConfig("max_connections", "300").start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                    deleteTree(dataDir);
                } catch (IOException ignored) {
                    // the JVM is ending either way
                }
            }, "test-postgres-stop"));
            return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a PostgreSQL for the tests; or give TEST_POSTGRES_URL", e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
