package news.timeline.system;

import news.timeline.embedded.EmbeddedStack;
import news.timeline.embedded.StackOptions;
import news.timeline.kafka.SharedKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The README's curl walkthrough, run as written against the embedded stack with its demo story. */
class ReadmeWalkthroughTest {

    private final Http http = new Http();

    @Test
    void theCurlExamplesWorkAsWritten(@TempDir Path dataDir) throws Exception {
        try (EmbeddedStack stack = EmbeddedStack.start(StackOptions.forTests(dataDir, SharedKafka.bootstrapServers())
                .withArguments("--timeline.kafka.group-id=readme-" + dataDir.getFileName()).withDemo())) {
            String writes = run(stack, Readme.block("walkthrough:write"));
            assertThat(writes).contains("\"timelineId\":\"council-budget\"", "\"revision\":2",
                    "\"author\":\"contributor\",\"revision\":1,\"status\":\"PENDING\"", "\"updateId\"");

            await().atMost(Duration.ofSeconds(30)).until(() -> http.get(stack.queryUrl()
                    + "/api/timelines/council-budget").body().contains("This update was removed for legal reasons.")
                    && http.get(stack.queryUrl() + "/api/timelines/ukip-campaign/updates/media-scrum")
                    .json().get("revision").asInt() == 2);
            String reads = run(stack, Readme.block("walkthrough:read"));

            assertThat(reads).contains("This update was withdrawn: the quote could not be confirmed.",
                    "Corrected the spelling of Douglas Carswell's name.", "\"kind\":\"POSTED\"", "Vote delayed",
                    "Budget passes",
                    "\"intact\":true");
            assertThat(reads).doesNotContain("We will balance the books").doesNotContain("Jo Bloggs")
                    .doesNotContain("\"intact\":false");
        }
    }

    /** Runs a block with bash, failing on the first command or HTTP request that fails. */
    private static String run(EmbeddedStack stack, String script) throws IOException, InterruptedException {
        String local = script
                .replace("localhost:8081", stack.commandUrl().replace("http://", ""))
                .replace("localhost:8082", stack.queryUrl().replace("http://", ""));
        Process bash = new ProcessBuilder("bash", "-c",
                "set -euo pipefail\ncurl() { command curl --fail-with-body \"$@\"; }\n" + local)
                .redirectErrorStream(true).start();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(bash.exitValue()).as(output).isZero();
        return output;
    }
}
