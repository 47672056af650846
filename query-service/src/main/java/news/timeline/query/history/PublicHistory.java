package news.timeline.query.history;

import com.fasterxml.jackson.annotation.JsonInclude;
import news.timeline.events.Block;

import java.time.Instant;
import java.util.List;

/**
 * An update's revisions as readers may see them: every change with its kind, note and time. Once an update is
 * retracted, no revision shows its words any more.
 */
public record PublicHistory(String timelineId, String updateId, boolean retracted, List<Revision> revisions) {

    /** {@code kind} is POSTED, an edit's kind (CORRECTION, ...) or RETRACTION. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Revision(int revision, String kind, String note, Instant at, String headline, List<Block> blocks,
                           Boolean keyEvent) {
    }
}
