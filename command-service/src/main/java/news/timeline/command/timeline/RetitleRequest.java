package news.timeline.command.timeline;

/** A timeline's new title and summary, and its time zone (IANA) when it is to change. */
record RetitleRequest(String title, String summary, String timeZone) {
}
