package news.timeline.command.timeline;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Opens a new live story. */
public record OpenTimeline(@TargetAggregateIdentifier String timelineId, String title, String summary) {
}
