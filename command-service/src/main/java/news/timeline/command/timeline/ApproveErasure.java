package news.timeline.command.timeline;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A second legal officer (or an admin) approves an erasure someone else requested: the update's words go. */
public record ApproveErasure(@TargetAggregateIdentifier String timelineId, String erasureId) {
}
