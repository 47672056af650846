package news.timeline.events;

/**
 * A legal officer asked for every word of an update to be erased ({@code reason}, and the court order or claim it
 * answers, {@code legalReference}); nothing is erased until a second person approves ({@link UpdateErased}).
 * {@code publicNote} is what readers will see in its place.
 */
public record ErasureRequested(String timelineId, String updateId, String erasureId, String reason,
                               String legalReference, String publicNote) implements UpdateEvent {
}
