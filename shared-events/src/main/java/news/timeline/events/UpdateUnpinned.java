package news.timeline.events;

/** The pinned update went back to its place in time. */
public record UpdateUnpinned(String timelineId, String updateId) implements UpdateEvent {
}
