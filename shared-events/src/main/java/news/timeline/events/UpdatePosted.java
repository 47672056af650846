package news.timeline.events;

/** An editor published a new update; it is revision 1 of that update. */
public record UpdatePosted(String timelineId, String updateId, Content content) implements UpdateEvent {
}
