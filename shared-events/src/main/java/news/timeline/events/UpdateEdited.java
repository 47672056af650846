package news.timeline.events;

/** An update was replaced by a whole new content, becoming {@code revision}. */
public record UpdateEdited(String timelineId, String updateId, int revision, Content content, Change change)
        implements UpdateEvent {
}
