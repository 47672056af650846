package news.timeline.events;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A draft was replaced by a whole new content and byline, becoming {@code revision}; it waits for an editor again. */
public record DraftEdited(String timelineId, String draftId, int revision, Content content,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String byline) implements DraftEvent {
}
