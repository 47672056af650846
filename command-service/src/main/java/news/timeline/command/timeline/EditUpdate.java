package news.timeline.command.timeline;

import news.timeline.events.Change;
import news.timeline.events.Content;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replaces an update's whole content; refused unless {@code basedOnRevision} is still the current one. */
public record EditUpdate(@TargetAggregateIdentifier String timelineId, String updateId, int basedOnRevision,
                         Content content, Change change) {
}
