package news.timeline.command.timeline;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * What a command on a draft produced: the draft's revision after it (for {@code ETag}), the update a publication
 * made (or, with {@code publishAt}, is to make then), and the sequence of the last event it stored.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DraftResult(String timelineId, String draftId, Integer revision, String updateId, Instant publishAt,
                          long sequence) {
}
