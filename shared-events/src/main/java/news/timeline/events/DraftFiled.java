package news.timeline.events;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A contributor or an editor filed a draft; it is revision 1 of that draft, waiting for an editor. {@code byline}
 * is whom readers will see it credited to once published: given with the draft, or else whoever filed it.
 */
public record DraftFiled(String timelineId, String draftId, Content content,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String byline) implements DraftEvent {
}
