package news.timeline.command.timeline;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Publishes a draft as the update {@code updateId} (chosen by the caller), now or, with {@code at} in the future, at
 * that time; {@code basedOnRevision}, when given, is the revision the editor checked, so that a later edit is not
 * published unread.
 */
public record PublishDraft(@TargetAggregateIdentifier String timelineId, String draftId, String updateId,
                           Integer basedOnRevision, Instant at) {
}
