package news.timeline.command.timeline;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Puts one update at the top of its timeline, in place of any other. */
public record PinUpdate(@TargetAggregateIdentifier String timelineId, String updateId) {
}
