package news.timeline.command.timeline;

/** Where an erasure stands ({@code REQUESTED}, {@code APPROVED}) and the sequence of the event that said so. */
public record ErasureResult(String timelineId, String erasureId, String updateId, String status, long sequence) {
}
