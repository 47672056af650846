package news.timeline.query.timeline;

import java.time.Instant;

/** One live story in the list of timelines: enough to find it and see whether it is moving. */
public record TimelineSummary(
        String id,
        String title,
        String summary,
        TimelinePage.Status status,
        Instant openedAt,
        Instant updatedAt,
        long lastSequence) {
}
