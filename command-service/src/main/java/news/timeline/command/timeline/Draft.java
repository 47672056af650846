package news.timeline.command.timeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import news.timeline.events.Content;

import java.time.Instant;

/**
 * A draft as the desk's queue shows it: its content as filed or last edited, who filed it, where it stands, the
 * editor's note when it was sent back, when it is to go out (and as which update) when scheduled, and who changed it
 * last.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Draft(String draftId, String author, int revision, DraftState.Status status,
             @JsonUnwrapped Content content, String byline, String note, String updateId, Instant publishAt,
             Instant filedAt, Instant changedAt, String changedBy) {

    DraftState state() {
        return new DraftState(draftId, author, revision, status, content, byline,
                status == DraftState.Status.SCHEDULED ? updateId : null);
    }
}
