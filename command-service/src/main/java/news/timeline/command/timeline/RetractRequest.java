package news.timeline.command.timeline;

/** Why an update is withdrawn (for the newsroom), and what readers are told instead. */
record RetractRequest(String reason, String publicNote) {
}
