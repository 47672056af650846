package news.timeline.events;

/** A closed timeline is live again. */
public record TimelineReopened(String timelineId) implements TimelineEvent {
}
