package news.timeline.command.timeline;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replaces a timeline's title and summary. */
public record RetitleTimeline(@TargetAggregateIdentifier String timelineId, String title, String summary) {
}
