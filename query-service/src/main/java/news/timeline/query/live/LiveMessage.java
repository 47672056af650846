package news.timeline.query.live;

import java.nio.charset.StandardCharsets;

/**
 * One Server-Sent Event, encoded once as the bytes every reader is sent: {@code event}, {@code id} = sequence,
 * {@code data} on one line.
 */
record LiveMessage(long sequence, byte[] frame) {

    static LiveMessage of(String event, long sequence, String data) {
        String frame = "event: " + event + "\nid: " + sequence + "\ndata: " + data + "\n\n";
        return new LiveMessage(sequence, frame.getBytes(StandardCharsets.UTF_8));
    }
}
