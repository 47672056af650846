package news.timeline.command.timeline;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sends a draft back to whoever filed it, saying why. */
public record RejectDraft(@TargetAggregateIdentifier String timelineId, String draftId, String note) {
}
