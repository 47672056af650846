package news.timeline.events;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * An editor published a new update; it is revision 1 of that update. {@code byline} is whom readers see it credited
 * to: given with the post, or else the editor who posted it. {@code publishedAt}, on an update moved in from another
 * system, is when it was first published there, the time readers see; otherwise absent, and the event's own time is.
 *
 * <p>Version 2 added {@code byline}. Version 1 had none: its update is credited to the event's actor, which is what
 * the command side's upcaster and the query side's reading of version 1 both make of it. Version 3 added
 * {@code publishedAt}; earlier versions have none, which means the same as absent.
 */
@SchemaVersion(3)
public record UpdatePosted(String timelineId, String updateId, Content content,
                           @JsonInclude(JsonInclude.Include.NON_NULL) String byline,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Instant publishedAt) implements UpdateEvent {

    public UpdatePosted(String timelineId, String updateId, Content content) {
        this(timelineId, updateId, content, null, null);
    }

    public UpdatePosted(String timelineId, String updateId, Content content, String byline) {
        this(timelineId, updateId, content, byline, null);
    }

    /** Whom readers see it credited to, whatever its version: its byline, or else {@code actor}, who posted it. */
    public String creditedTo(String actor) {
        return byline != null ? byline : actor;
    }

    /** When readers see it was published: where it was first published, or else {@code occurredAt}, here. */
    public Instant publishedAt(Instant occurredAt) {
        return publishedAt != null ? publishedAt : occurredAt;
    }
}
