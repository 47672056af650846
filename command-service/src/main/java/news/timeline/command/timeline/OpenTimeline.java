package news.timeline.command.timeline;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Opens a new live story; {@code timeZone} (IANA), when given, is the one its readers see times in. */
public record OpenTimeline(@TargetAggregateIdentifier String timelineId, String title, String summary,
                           String timeZone) {

    public OpenTimeline(String timelineId, String title, String summary) {
        this(timelineId, title, summary, null);
    }
}
