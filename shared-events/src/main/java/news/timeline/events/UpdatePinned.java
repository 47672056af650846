package news.timeline.events;

/** An update now stands at the top of its timeline; at most one is pinned at a time. */
public record UpdatePinned(String timelineId, String updateId) implements UpdateEvent {
}
