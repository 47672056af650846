package news.timeline.query.live;

import java.nio.charset.StandardCharsets;

/**
 * One Server-Sent Event, encoded once as the bytes every reader is sent: {@code event}, {@code id} = sequence,
 * {@code data} on one line. With the event's type and the update it shows as rendered (pinned or not), so that it
 * can be rendered again when that update changes.
 */
record LiveMessage(long sequence, String type, String updateId, boolean pinned, byte[] frame) {

    static LiveMessage of(long sequence, String type, String event, String updateId, boolean pinned, String data) {
        String frame = "event: " + event + "\nid: " + sequence + "\ndata: " + data + "\n\n";
        return new LiveMessage(sequence, type, updateId, pinned, frame.getBytes(StandardCharsets.UTF_8));
    }
}
