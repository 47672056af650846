package news.timeline.events;

/**
 * An update was withdrawn, becoming {@code revision}. Readers see only {@code publicNote};
 * {@code reason} is for the newsroom and its auditors.
 */
public record UpdateRetracted(String timelineId, String updateId, int revision, String reason, String publicNote)
        implements UpdateEvent {
}
