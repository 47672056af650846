package news.timeline.events;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The story's title and summary were changed as a whole; {@code timeZone}, when present, is the one its times are
 * shown in from now on (absent: unchanged).
 *
 * <p>Version 2 added {@code timeZone}; version 1 has none, which means the same as absent.
 */
@SchemaVersion(2)
public record TimelineRetitled(String timelineId, String title, String summary,
                               @JsonInclude(JsonInclude.Include.NON_NULL) String timeZone) implements TimelineEvent {

    public TimelineRetitled(String timelineId, String title, String summary) {
        this(timelineId, title, summary, null);
    }
}
