package news.timeline.events;

/**
 * A fact about a draft of a timeline: copy filed for an editor to check before it goes out. Drafts are part of the
 * timeline's record (auditors see who wrote, edited, published or rejected each), never of what readers see; a
 * published draft becomes an update by an {@link UpdatePosted} of its own.
 */
public sealed interface DraftEvent extends TimelineEvent
        permits DraftFiled, DraftEdited, DraftRejected, DraftScheduled, DraftScheduleCancelled, DraftPublished {

    String draftId();
}
