package news.timeline.events;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A live story began; always the first event (sequence 0) of its timeline. {@code timeZone}, an IANA zone such as
 * {@code America/New_York}, is the one its readers see times in; absent: the newsroom's (a setting of the readers'
 * side).
 *
 * <p>Version 2 added {@code timeZone}; version 1 has none, which means the same as absent.
 */
@SchemaVersion(2)
public record TimelineOpened(String timelineId, String title, String summary,
                             @JsonInclude(JsonInclude.Include.NON_NULL) String timeZone) implements TimelineEvent {

    public TimelineOpened(String timelineId, String title, String summary) {
        this(timelineId, title, summary, null);
    }
}
