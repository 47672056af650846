package news.timeline.system;

import news.timeline.embedded.EmbeddedStack;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An editor at work on a running stack, and what a test asks of it: commands that must succeed, projected reads. */
final class Newsroom {

    private final EmbeddedStack stack;
    private final Http http = new Http();

    Newsroom(EmbeddedStack stack) {
        this.stack = stack;
    }

    /** A command as {@code editor}, which must succeed. */
    Http.Response command(String method, String path, String json, String ifMatch) {
        Http.Response response = http.send("editor", method, stack.commandUrl() + path, json, ifMatch);
        assertThat(response.status()).as(response.body()).isBetween(200, 201);
        return response;
    }

    /** Posts a one-paragraph update; its id. */
    String post(String tid, String headline) {
        return command("POST", "/api/timelines/" + tid + "/updates", "{\"headline\":\"" + headline
                + "\",\"blocks\":[{\"type\":\"paragraph\",\"text\":\"Text\"}]}", null).json().get("updateId").asText();
    }

    /** Waits until the query service has applied the timeline's events up to {@code sequence}. */
    void awaitLastSequence(String tid, long sequence) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            Http.Response page = http.get(stack.queryUrl() + "/api/timelines/" + tid);
            return page.status() == 200 && page.json().get("lastSequence").asLong() >= sequence;
        });
    }

    /** Events in the command service's event store, every timeline. */
    long storedEvents() {
        return stack.commandService().getBean(JdbcTemplate.class)
                .queryForObject("SELECT COUNT(*) FROM domain_event_entry", Long.class);
    }
}
