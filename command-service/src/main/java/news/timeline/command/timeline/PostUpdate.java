package news.timeline.command.timeline;

import news.timeline.events.Content;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Publishes a new update; its id is chosen by the caller. Without a byline it is credited to the editor. */
public record PostUpdate(@TargetAggregateIdentifier String timelineId, String updateId, Content content,
                         String byline) {

    public PostUpdate(String timelineId, String updateId, Content content) {
        this(timelineId, updateId, content, null);
    }
}
