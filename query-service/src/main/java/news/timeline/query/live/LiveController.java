package news.timeline.query.live;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import news.timeline.query.consuming.AppliedSequences;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.io.IOException;

/**
 * {@code GET /api/timelines/{tid}/stream}: Server-Sent Events, {@code id} = the event's sequence. A reconnecting
 * browser sends {@code Last-Event-ID} and gets exactly what it missed; a page that was rendered at sequence N
 * opens the stream with {@code ?after=N}; without either, the stream starts now. The stream is written straight
 * to the servlet's output from {@link LiveStreams}, in frames encoded once for all readers.
 */
@RestController
class LiveController {

    private final LiveStreams streams;
    private final AppliedSequences sequences;

    LiveController(LiveStreams streams, AppliedSequences sequences) {
        this.streams = streams;
        this.sequences = sequences;
    }

    @GetMapping(value = "/api/timelines/{timelineId}/stream", produces = "text/event-stream")
    void stream(@PathVariable String timelineId,
                @RequestHeader(value = "Last-Event-ID", required = false) String lastEventId,
                @RequestParam(required = false) Long after,
                HttpServletRequest request, HttpServletResponse response) throws IOException {
        long current = sequences.current(timelineId);
        if (current < 0) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no timeline " + timelineId);
        }
        long lastSeen = lastSeen(lastEventId, after, current);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-cache, no-transform");
        response.setHeader("X-Accel-Buffering", "no");
        // every write goes straight to the socket: a buffer would keep what a full socket did not take until
        // the next write, which on a quiet night may be the next heartbeat
        response.setBufferSize(0);
        response.flushBuffer();
        streams.open(timelineId, lastSeen, request.startAsync(request, response));
    }

    private static long lastSeen(String lastEventId, Long after, long current) {
        if (lastEventId != null && !lastEventId.isBlank()) {
            try {
                return Long.parseLong(lastEventId.strip());
            } catch (NumberFormatException e) {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Last-Event-ID must be a sequence number");
            }
        }
        return after != null ? after : current;
    }
}
