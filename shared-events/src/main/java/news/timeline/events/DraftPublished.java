package news.timeline.events;

/**
 * An editor published a draft at its {@code revision}: the {@link UpdatePosted} of {@code updateId} that follows it,
 * in the same command, is the update readers see.
 */
public record DraftPublished(String timelineId, String draftId, int revision, String updateId)
        implements DraftEvent {
}
