package news.timeline.events;

/** The story's title and summary were changed as a whole. */
public record TimelineRetitled(String timelineId, String title, String summary) implements TimelineEvent {
}
