package news.timeline.command.timeline;

/**
 * The deadline a scheduled publication sets: the draft, at the revision the editor scheduled, goes out as
 * {@code updateId}. Kept by the deadline manager in the event store's database until it is due.
 */
public record PublicationDue(String draftId, int revision, String updateId) {
}
