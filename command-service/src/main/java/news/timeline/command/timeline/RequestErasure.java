package news.timeline.command.timeline;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A legal officer asks for every word of an update to be erased; a second person must approve it. */
public record RequestErasure(@TargetAggregateIdentifier String timelineId, String updateId, String erasureId,
                             String reason, String legalReference, String publicNote) {
}
