package news.timeline.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A service in a JVM of its own, started from this module's class path, so that a test can end it as the
 * operating system would: {@link #kill()} is {@code kill -9}, {@link #terminate()} is {@code kill -TERM}.
 * Its output goes to a log file beside its data.
 */
final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final String mainClass;
    private final List<String> arguments;
    private final Path log;
    private final String readinessUrl;
    private Process process;
    private Instant startedAt;

    /** {@code readinessUrl}: answers {@code 200} once the service serves. */
    ServiceProcess(String name, Class<?> mainClass, List<String> arguments, Path log, String readinessUrl) {
        this.name = name;
        this.mainClass = mainClass.getName();
        this.arguments = List.copyOf(arguments);
        this.log = log;
        this.readinessUrl = readinessUrl;
        Runtime.getRuntime().addShutdownHook(new Thread(this::killQuietly, name + "-kill"));
    }

    /** Starts the JVM and waits until it is ready. */
    synchronized ServiceProcess start() {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        try {
            startedAt = Instant.now();
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
        await("%s ready (log: %s)".formatted(name, log)).atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(200))
                .failFast(name + " exited; see " + log, () -> !process.isAlive())
                .until(this::ready);
        return this;
    }

    /** Where the service answers: the scheme, host and port of its readiness URL. */
    String url() {
        URI readiness = URI.create(readinessUrl);
        return readiness.getScheme() + "://" + readiness.getAuthority();
    }

    /** When the JVM was last started. */
    synchronized Instant startedAt() {
        return startedAt;
    }

    /**
     * {@code kill -9}: no shutdown hook, no flush, nothing the JVM could still do. Waits also for the processes it
     * had started (the embedded stack's broker), which must end by themselves once their parent is gone.
     */
    synchronized void kill() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        awaitExit();
        children.forEach(child -> await(name + "'s child process " + child.pid() + " ends with its parent")
                .atMost(Duration.ofSeconds(60)).until(() -> !child.isAlive()));
    }

    /** {@code kill -TERM}: the JVM shuts down as it would under an orchestrator; waits until it has. */
    synchronized Duration terminate() {
        Instant asked = Instant.now();
        process.destroy();
        awaitExit();
        return Duration.between(asked, Instant.now());
    }

    @Override
    public synchronized void close() {
        if (process != null && process.isAlive()) {
            terminate();
        }
    }

    private boolean ready() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(readinessUrl)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void awaitExit() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void killQuietly() {
        if (process != null) {
            process.destroyForcibly();
        }
    }
}
