package news.timeline.events;

/** A live story began; always the first event (sequence 0) of its timeline. */
public record TimelineOpened(String timelineId, String title, String summary) implements TimelineEvent {
}
