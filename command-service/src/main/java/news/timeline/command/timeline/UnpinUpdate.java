package news.timeline.command.timeline;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Returns the pinned update, if any, to its place in time. */
public record UnpinUpdate(@TargetAggregateIdentifier String timelineId) {
}
