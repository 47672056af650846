package news.timeline.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
