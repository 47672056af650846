package news.timeline.query.timeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import news.timeline.events.Block;

import java.time.Instant;
import java.util.List;

/**
 * One update as readers see it. A retracted one is a tombstone: its status, times and public note, no content (nor
 * byline).
 * {@code sequence} is the event that posted it: the order of the timeline and the paging cursor.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UpdateView(
        String id,
        long sequence,
        Instant postedAt,
        Instant modifiedAt,
        int revision,
        Status status,
        boolean pinned,
        boolean keyEvent,
        String headline,
        List<Block> blocks,
        String byline,
        LastChange lastChange,
        Retraction retraction) {

    /** An erased update's words are gone by law; readers see its public note, as for a retracted one. */
    public enum Status { LIVE, RETRACTED, ERASED }

    /** Retracted or erased: readers see a note in its place, and none of its words. */
    public boolean tombstone() {
        return status != Status.LIVE;
    }

    /** When the newest of {@code updates} was published, the day the others' times are read against; null if none. */
    public static Instant latestPostedAt(List<UpdateView> updates) {
        return updates.stream().map(UpdateView::postedAt).max(Instant::compareTo).orElse(null);
    }

    /** The latest edit: "Corrected 14:32: note". */
    public record LastChange(String kind, String note, Instant at) {
    }

    /** What readers are told in place of a retracted (or erased) update. */
    public record Retraction(String publicNote, Instant at) {
    }
}
