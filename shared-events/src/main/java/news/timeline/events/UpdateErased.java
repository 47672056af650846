package news.timeline.events;

import java.util.List;

/**
 * A second person approved erasure {@code erasureId} (requested by {@code requestedBy}): every word the update ever
 * held is to be erased wherever it was kept. {@code erasedEvents} are the events that held those words (the
 * update's posts and edits, and the draft it was published from) with the hashes they were recorded with: a copy
 * of the log that has erased them still proves its chain, each erased event's place vouched for by this event.
 */
public record UpdateErased(String timelineId, String updateId, String erasureId, String requestedBy, String reason,
                           String legalReference, String publicNote, List<ErasedEvent> erasedEvents)
        implements UpdateEvent {

    public UpdateErased {
        erasedEvents = List.copyOf(erasedEvents);
    }

    /** An event whose words are erased: where it stands in the timeline and the hash it was recorded with. */
    public record ErasedEvent(long sequence, String hash) {
    }
}
