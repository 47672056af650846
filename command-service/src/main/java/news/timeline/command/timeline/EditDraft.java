package news.timeline.command.timeline;

import news.timeline.events.Content;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replaces a draft's content and byline; {@code byEditor}: the one asking may change anyone's drafts. */
public record EditDraft(@TargetAggregateIdentifier String timelineId, String draftId, int basedOnRevision,
                        Content content, String byline, boolean byEditor) {
}
