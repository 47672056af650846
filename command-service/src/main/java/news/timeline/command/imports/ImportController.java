package news.timeline.command.imports;

import news.timeline.command.timeline.ImportResult;
import news.timeline.command.timeline.ImportUpdates;
import news.timeline.command.web.Problems;
import news.timeline.events.Content;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * {@code POST /api/timelines/{tid}/imports} (admins): moves a blog in from its Atom feed. Each entry becomes an
 * update with its original publication time, its author as byline and its content as blocks, all in one command:
 * every entry or none. An entry's update id is derived from the entry's {@code atom:id}, so importing the same feed
 * again adds only entries it did not have.
 */
@RestController
class ImportController {

    private final CommandGateway commands;

    ImportController(CommandGateway commands) {
        this.commands = commands;
    }

    @PostMapping(path = "/api/timelines/{timelineId}/imports",
            consumes = {"application/atom+xml", "application/xml", "text/xml"})
    ImportResult importFeed(@PathVariable String timelineId, @RequestBody byte[] feed) {
        return commands.sendAndWait(new ImportUpdates(timelineId, AtomFeed.read(feed).stream()
                .map(entry -> new ImportUpdates.Imported(updateId(entry.id()),
                        new Content(entry.title(), entry.blocks(), false), entry.author(), entry.published()))
                .toList()));
    }

    /** The same entry, wherever and however often it is imported, is the same update. */
    private static String updateId(String entryId) {
        return UUID.nameUUIDFromBytes(("atom:" + entryId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    @ExceptionHandler
    ProblemDetail invalidFeed(InvalidFeedException e) {
        return Problems.of(HttpStatus.BAD_REQUEST, "invalid-feed", "Not a readable Atom feed", e.getMessage());
    }
}
