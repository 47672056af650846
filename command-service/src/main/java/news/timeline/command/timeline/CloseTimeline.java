package news.timeline.command.timeline;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Ends the live coverage: no more posts. */
public record CloseTimeline(@TargetAggregateIdentifier String timelineId) {
}
