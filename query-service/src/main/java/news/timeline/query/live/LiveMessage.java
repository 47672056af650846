package news.timeline.query.live;

/** One Server-Sent Event, serialized once for every reader: {@code event}, {@code id} = sequence, {@code data}. */
record LiveMessage(String event, long sequence, String data) {
}
