package news.timeline.command.timeline;

/** A timeline's new title and summary. */
record RetitleRequest(String title, String summary) {
}
