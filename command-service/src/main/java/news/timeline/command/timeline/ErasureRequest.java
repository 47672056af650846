package news.timeline.command.timeline;

/**
 * Why an update's words must go (for the record), the court order or claim that obliges it, and what readers see
 * in their place.
 */
record ErasureRequest(String reason, String legalReference, String publicNote) {
}
