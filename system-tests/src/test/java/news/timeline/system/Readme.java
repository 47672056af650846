package news.timeline.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The project's README, whose marked code blocks the tests run as written. */
final class Readme {

    private static final Path README = Path.of("..", "README.md");

    private Readme() {
    }

    /** The code block that follows {@code <!-- marker -->}. */
    static String block(String marker) {
        try {
            Matcher matcher = Pattern.compile("<!-- " + Pattern.quote(marker) + " -->\\s*```\\w*\\n(.*?)```",
                    Pattern.DOTALL).matcher(Files.readString(README));
            assertThat(matcher.find()).as("README block " + marker).isTrue();
            return matcher.group(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** README's Python verifier, as written there, run on one timeline's events ({@code ndjson}): what it prints. */
    static String verifyChain(Path dir, String ndjson) {
        try {
            Path script = dir.resolve("verify_chain.py");
            Files.writeString(script, block("verify-chain:python"));
            Path events = Files.createTempFile(dir, "events-", ".ndjson");
            Files.writeString(events, ndjson);
            Process python = new ProcessBuilder("python3", script.toString()).redirectInput(events.toFile())
                    .redirectErrorStream(true).start();
            String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertThat(python.waitFor(60, TimeUnit.SECONDS)).isTrue();
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
