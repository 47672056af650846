package news.timeline.command.timeline;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Makes a closed timeline live again. */
public record ReopenTimeline(@TargetAggregateIdentifier String timelineId) {
}
