package news.timeline.events;

/** The live coverage ended: no more posts until it is reopened; corrections and retractions go on. */
public record TimelineClosed(String timelineId) implements TimelineEvent {
}
