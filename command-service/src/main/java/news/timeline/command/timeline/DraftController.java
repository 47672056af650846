package news.timeline.command.timeline;

import news.timeline.accounts.NewsroomAccounts;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/**
 * Drafts: contributors and editors file them, editors publish them or send them back; maps each request to a
 * command, and the {@link Timeline} decides. The queue is read from the {@link DraftRegister}, so a draft is in it
 * as soon as its filing is answered.
 */
@RestController
@RequestMapping("/api/timelines/{timelineId}/drafts")
class DraftController {

    private final CommandGateway commands;
    private final DraftRegister drafts;

    DraftController(CommandGateway commands, DraftRegister drafts) {
        this.commands = commands;
        this.drafts = drafts;
    }

    @PostMapping
    ResponseEntity<DraftResult> file(@PathVariable String timelineId, @RequestBody PostRequest request,
                                     UriComponentsBuilder uri) {
        String draftId = UUID.randomUUID().toString();
        DraftResult result = commands.sendAndWait(new FileDraft(timelineId, draftId, request.content(),
                request.byline()));
        URI location = uri.path("/api/timelines/{tid}/drafts/{did}").build(timelineId, draftId);
        return ResponseEntity.created(location).eTag(Revisions.etag(result.revision())).body(result);
    }

    @PutMapping("/{draftId}")
    ResponseEntity<DraftResult> edit(@PathVariable String timelineId, @PathVariable String draftId,
                                     @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                     @RequestBody PostRequest request, Authentication signedIn) {
        DraftResult result = commands.sendAndWait(new EditDraft(timelineId, draftId, Revisions.fromIfMatch(ifMatch),
                request.content(), request.byline(), mayChangeAnyDraft(signedIn)));
        return ResponseEntity.ok().eTag(Revisions.etag(result.revision())).body(result);
    }

    /** The desk's queue: every draft not yet published, for editors; a contributor's own, for them. */
    @GetMapping
    List<Draft> queue(@PathVariable String timelineId, Authentication signedIn) {
        return drafts.waiting(timelineId, mayChangeAnyDraft(signedIn) ? null : signedIn.getName());
    }

    /**
     * Now ({@code 201}), or at {@code {"at": instant}} in the future ({@code 202}: the update it will be is named);
     * {@code If-Match}, when given, names the revision the editor checked.
     */
    @PostMapping("/{draftId}/publication")
    ResponseEntity<DraftResult> publish(@PathVariable String timelineId, @PathVariable String draftId,
                                        @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                        @RequestBody(required = false) PublicationRequest request,
                                        UriComponentsBuilder uri) {
        String updateId = UUID.randomUUID().toString();
        DraftResult result = commands.sendAndWait(new PublishDraft(timelineId, draftId, updateId,
                ifMatch == null ? null : Revisions.fromIfMatch(ifMatch), request == null ? null : request.at()));
        if (result.publishAt() != null) {
            return ResponseEntity.accepted().body(result);
        }
        URI location = uri.path("/api/timelines/{tid}/updates/{uid}").build(timelineId, updateId);
        // the update it made is at its first revision
        return ResponseEntity.created(location).eTag(Revisions.etag(1)).body(result);
    }

    /** Cancels a scheduled publication: the draft waits for an editor again. */
    @DeleteMapping("/{draftId}/publication")
    DraftResult cancelPublication(@PathVariable String timelineId, @PathVariable String draftId) {
        return commands.sendAndWait(new CancelDraftSchedule(timelineId, draftId));
    }

    @PostMapping("/{draftId}/rejection")
    DraftResult reject(@PathVariable String timelineId, @PathVariable String draftId,
                       @RequestBody RejectionRequest request) {
        return commands.sendAndWait(new RejectDraft(timelineId, draftId, request.note()));
    }

    private static boolean mayChangeAnyDraft(Authentication signedIn) {
        return signedIn.getAuthorities().stream().anyMatch(authority -> authority.getAuthority().equals(
                "ROLE_" + NewsroomAccounts.EDITOR) || authority.getAuthority().equals("ROLE_" + NewsroomAccounts.ADMIN));
    }
}
