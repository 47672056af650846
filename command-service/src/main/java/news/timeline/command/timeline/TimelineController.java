package news.timeline.command.timeline;

import jakarta.validation.Valid;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

import java.net.URI;
import java.util.UUID;

/** The editors' API: maps each request to a command; the {@link Timeline} decides. */
@RestController
@RequestMapping("/api/timelines")
class TimelineController {

    private final CommandGateway commands;

    TimelineController(CommandGateway commands) {
        this.commands = commands;
    }

    @PostMapping
    ResponseEntity<CommandResult> open(@Valid @RequestBody OpenTimelineRequest request, UriComponentsBuilder uri) {
        String timelineId = request.id() != null ? request.id() : UUID.randomUUID().toString();
        commands.sendAndWait(new OpenTimeline(timelineId, request.title(), request.summary(), request.timeZone()));
        URI location = uri.path("/api/timelines/{tid}").build(timelineId);
        // a timeline's first event is always sequence 0
        return ResponseEntity.created(location).body(new CommandResult(timelineId, null, null, 0));
    }

    @PutMapping("/{timelineId}")
    CommandResult retitle(@PathVariable String timelineId, @RequestBody RetitleRequest request) {
        return commands.sendAndWait(new RetitleTimeline(timelineId, request.title(), request.summary(),
                request.timeZone()));
    }

    /** {@code {"status":"CLOSED"}} ends the live coverage, {@code {"status":"OPEN"}} reopens it. */
    @PutMapping("/{timelineId}/status")
    CommandResult status(@PathVariable String timelineId, @Valid @RequestBody StatusRequest request) {
        return commands.sendAndWait(request.status() == StatusRequest.Status.CLOSED
                ? new CloseTimeline(timelineId) : new ReopenTimeline(timelineId));
    }

    @PostMapping("/{timelineId}/updates")
    ResponseEntity<CommandResult> post(@PathVariable String timelineId, @RequestBody PostRequest request,
                                       UriComponentsBuilder uri) {
        String updateId = UUID.randomUUID().toString();
        CommandResult result = commands.sendAndWait(new PostUpdate(timelineId, updateId, request.content(),
                request.byline()));
        URI location = uri.path("/api/timelines/{tid}/updates/{uid}").build(timelineId, updateId);
        return ResponseEntity.created(location).eTag(Revisions.etag(result.revision())).body(result);
    }

    @PutMapping("/{timelineId}/updates/{updateId}")
    ResponseEntity<CommandResult> edit(@PathVariable String timelineId, @PathVariable String updateId,
                                       @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                       @RequestBody EditRequest request) {
        CommandResult result = commands.sendAndWait(new EditUpdate(timelineId, updateId,
                Revisions.fromIfMatch(ifMatch), request.content(), request.change()));
        return ResponseEntity.ok().eTag(Revisions.etag(result.revision())).body(result);
    }

    @PostMapping("/{timelineId}/updates/{updateId}/retraction")
    ResponseEntity<CommandResult> retract(@PathVariable String timelineId, @PathVariable String updateId,
                                          @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                          @RequestBody RetractRequest request) {
        CommandResult result = commands.sendAndWait(new RetractUpdate(timelineId, updateId,
                Revisions.fromIfMatch(ifMatch), request.reason(), request.publicNote()));
        return ResponseEntity.ok().eTag(Revisions.etag(result.revision())).body(result);
    }

    @PutMapping("/{timelineId}/pin")
    CommandResult pin(@PathVariable String timelineId, @Valid @RequestBody PinRequest request) {
        return commands.sendAndWait(new PinUpdate(timelineId, request.updateId()));
    }

    @DeleteMapping("/{timelineId}/pin")
    CommandResult unpin(@PathVariable String timelineId) {
        return commands.sendAndWait(new UnpinUpdate(timelineId));
    }
}
