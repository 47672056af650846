package news.timeline.command.timeline;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Cancels a draft's scheduled publication; the draft waits for an editor again. */
public record CancelDraftSchedule(@TargetAggregateIdentifier String timelineId, String draftId) {
}
