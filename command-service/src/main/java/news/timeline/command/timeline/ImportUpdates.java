package news.timeline.command.timeline;

import news.timeline.events.Content;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * Brings in updates first published elsewhere, oldest first, all or none. Each one's id is derived from where it
 * came from, so that bringing the same one in again adds nothing.
 */
public record ImportUpdates(@TargetAggregateIdentifier String timelineId, List<Imported> updates) {

    /** One update as it was published elsewhere: when, and credited to whom. */
    public record Imported(String updateId, Content content, String byline, Instant publishedAt) {
    }
}
