package news.timeline.query.timeline;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * A timeline and one page of its updates, newest first; the pinned update leads the first page.
 * {@code next} is the cursor for the page after this one ({@code ?before=next}), null on the last page.
 * {@code lastSequence} is the last event applied to this timeline; {@code closedAt} is set while the live coverage
 * has ended. {@code timeZone} (IANA) is the one its times are shown in, when it has one of its own; absent: the
 * newsroom's.
 */
public record TimelinePage(
        String id,
        String title,
        String summary,
        Status status,
        Instant openedAt,
        Instant updatedAt,
        Instant closedAt,
        long lastSequence,
        List<UpdateView> updates,
        Long next,
        @JsonInclude(JsonInclude.Include.NON_NULL) String timeZone) {

    public enum Status { OPEN, CLOSED }

    /** When its newest update was published, the day its other updates' times are read against; null if none. */
    public Instant latestPostedAt() {
        return UpdateView.latestPostedAt(updates);
    }
}
