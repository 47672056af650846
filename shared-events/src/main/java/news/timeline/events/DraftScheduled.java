package news.timeline.events;

import java.time.Instant;

/**
 * An editor set a draft, at {@code revision}, to go out at {@code publishAt} as the update {@code updateId}: then a
 * {@link DraftPublished} and the {@link UpdatePosted} follow, unless the schedule was cancelled first.
 */
public record DraftScheduled(String timelineId, String draftId, int revision, Instant publishAt, String updateId)
        implements DraftEvent {
}
