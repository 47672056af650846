package news.timeline.events;

/** An editor sent a draft back to whoever filed it, saying why in {@code note}; an edit files it again. */
public record DraftRejected(String timelineId, String draftId, String note) implements DraftEvent {
}
