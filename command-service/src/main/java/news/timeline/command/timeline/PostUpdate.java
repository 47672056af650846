package news.timeline.command.timeline;

import news.timeline.events.Content;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Publishes a new update; its id is chosen by the caller. */
public record PostUpdate(@TargetAggregateIdentifier String timelineId, String updateId, Content content) {
}
