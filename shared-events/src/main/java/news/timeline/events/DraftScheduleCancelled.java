package news.timeline.events;

/**
 * A draft's scheduled publication will not happen: an editor cancelled it, or the timeline was closed when it was
 * due ({@code reason}). The draft waits for an editor again.
 */
public record DraftScheduleCancelled(String timelineId, String draftId, String reason) implements DraftEvent {
}
