package news.timeline.command.timeline;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Withdraws an update; refused unless {@code basedOnRevision} is still the current one. */
public record RetractUpdate(@TargetAggregateIdentifier String timelineId, String updateId, int basedOnRevision,
                            String reason, String publicNote) {
}
