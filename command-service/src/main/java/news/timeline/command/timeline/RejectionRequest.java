package news.timeline.command.timeline;

/** Why a draft is sent back, for whoever filed it. */
record RejectionRequest(String note) {
}
