package news.timeline.command.timeline;

import news.timeline.events.Content;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Files a draft for an editor to check; its id is chosen by the caller. Without a byline it is credited to its author. */
public record FileDraft(@TargetAggregateIdentifier String timelineId, String draftId, Content content,
                        String byline) {
}
