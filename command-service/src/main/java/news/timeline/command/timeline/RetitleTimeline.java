package news.timeline.command.timeline;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replaces a timeline's title and summary, and its time zone when one is given. */
public record RetitleTimeline(@TargetAggregateIdentifier String timelineId, String title, String summary,
                              String timeZone) {

    public RetitleTimeline(String timelineId, String title, String summary) {
        this(timelineId, title, summary, null);
    }
}
