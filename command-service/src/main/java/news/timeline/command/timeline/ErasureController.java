package news.timeline.command.timeline;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

import java.util.List;
import java.util.UUID;

/**
 * Legal erasure, by two people: a legal officer requests it ({@code 202}: nothing is erased yet), another legal
 * officer or an admin approves it, and the update's words are erased. The timeline's rules refuse the rest.
 */
@RestController
@RequestMapping("/api/timelines/{timelineId}")
class ErasureController {

    private final CommandGateway commands;
    private final ErasureRegister erasures;

    ErasureController(CommandGateway commands, ErasureRegister erasures) {
        this.commands = commands;
        this.erasures = erasures;
    }

    @PostMapping("/updates/{updateId}/erasure")
    ResponseEntity<ErasureResult> request(@PathVariable String timelineId, @PathVariable String updateId,
                                          @RequestBody ErasureRequest request, UriComponentsBuilder uri) {
        ErasureResult result = commands.sendAndWait(new RequestErasure(timelineId, updateId,
                UUID.randomUUID().toString(), request.reason(), request.legalReference(), request.publicNote()));
        return ResponseEntity.accepted()
                .location(uri.path("/api/timelines/{tid}/erasures/{eid}").build(timelineId, result.erasureId()))
                .body(result);
    }

    @PostMapping("/erasures/{erasureId}/approval")
    ErasureResult approve(@PathVariable String timelineId, @PathVariable String erasureId) {
        return commands.sendAndWait(new ApproveErasure(timelineId, erasureId));
    }

    /** The legal desk's list: every erasure asked for on the timeline, approved or waiting. */
    @GetMapping("/erasures")
    List<ErasureRegister.Erasure> erasures(@PathVariable String timelineId) {
        return erasures.all(timelineId);
    }
}
