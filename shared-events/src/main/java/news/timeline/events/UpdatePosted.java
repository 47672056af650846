package news.timeline.events;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An editor published a new update; it is revision 1 of that update. {@code byline} is whom readers see it credited
 * to: given with the post, or else the editor who posted it.
 *
 * <p>Version 2 added {@code byline}. Version 1 had none: its update is credited to the event's actor, which is what
 * the command side's upcaster and the query side's reading of version 1 both make of it.
 */
@SchemaVersion(2)
public record UpdatePosted(String timelineId, String updateId, Content content,
                           @JsonInclude(JsonInclude.Include.NON_NULL) String byline) implements UpdateEvent {

    public UpdatePosted(String timelineId, String updateId, Content content) {
        this(timelineId, updateId, content, null);
    }

    /** Whom readers see it credited to, whatever its version: its byline, or else {@code actor}, who posted it. */
    public String creditedTo(String actor) {
        return byline != null ? byline : actor;
    }
}
