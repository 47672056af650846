package news.timeline.command.timeline;

/** What an import did: how many updates it brought in, how many were there already, and its last event's sequence. */
public record ImportResult(String timelineId, int imported, int alreadyThere, long sequence) {
}
