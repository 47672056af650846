package news.timeline.command.timeline;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a command produced: the update's revision after it (for {@code ETag}), and the sequence of the last event
 * it stored, which a reader can wait for to read its own write.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CommandResult(String timelineId, String updateId, Integer revision, long sequence) {
}
