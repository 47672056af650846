package news.timeline.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import news.timeline.command.timeline.OpenTimeline;
import news.timeline.command.timeline.PinUpdate;
import news.timeline.command.timeline.PostUpdate;
import news.timeline.events.Content;
import news.timeline.events.EventJson;
import news.timeline.query.consuming.AppliedSequences;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * The demo story (a real live page: Ukip after the 2014 by-elections, typo included), posted on first start
 * through the same commands and rules as any editor's work, signed by the demo editor. Its update ids are fixed,
 * so that the README's examples can name them.
 */
final class DemoStory {

    static final String TIMELINE_ID = "ukip-campaign";
    private static final String RESOURCE = "/demo/ukip-campaign.json";
    private static final String ACTOR = "editor";
    private static final Duration READERS_WAIT = Duration.ofSeconds(60);
    private static final Logger log = LoggerFactory.getLogger(DemoStory.class);

    private DemoStory() {
    }

    static void loadInto(EmbeddedStack stack) {
        JsonNode story = read();
        CommandGateway commands = stack.commandService().getBean(CommandGateway.class);
        String assets = stack.queryUrl() + "/demo";
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContextHolder.setContext(SecurityContextHolder.createEmptyContext());
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                ACTOR, null, AuthorityUtils.createAuthorityList("ROLE_EDITOR")));
        try {
            JsonNode timeline = story.get("timeline");
            try {
                commands.sendAndWait(new OpenTimeline(timeline.get("id").asText(), timeline.get("title").asText(),
                        timeline.get("summary").asText()));
            } catch (AggregateStreamCreationException loadedBefore) {
                log.info("demo story {} is there from an earlier start", TIMELINE_ID);
                return;
            }
            for (JsonNode update : story.get("updates")) {
                Content content = EventJson.mapper().readValue(
                        update.toString().replace("{assets}", assets), Content.class);
                commands.sendAndWait(new PostUpdate(TIMELINE_ID, update.get("id").asText(), content));
            }
            commands.sendAndWait(new PinUpdate(TIMELINE_ID, story.get("pinned").asText()));
            log.info("demo story {} loaded: {} updates", TIMELINE_ID, story.get("updates").size());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    /**
     * Waits until the query service has applied the story as far as the event store holds it: it arrives there
     * through Kafka, a moment after its commands are done, and the URLs printed next must find it.
     */
    static void awaitReaders(EmbeddedStack stack) {
        long last = stack.commandService().getBean(EventStore.class).lastSequenceNumberFor(TIMELINE_ID)
                .orElseThrow(() -> new IllegalStateException("demo story " + TIMELINE_ID + " was not stored"));
        if (!stack.queryService().getBean(AppliedSequences.class).awaitAtLeast(TIMELINE_ID, last, READERS_WAIT)) {
            throw new IllegalStateException("the query service has not applied demo story " + TIMELINE_ID
                    + " up to #" + last + " within " + READERS_WAIT);
        }
    }

    private static JsonNode read() {
        try (InputStream in = DemoStory.class.getResourceAsStream(RESOURCE)) {
            return EventJson.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
