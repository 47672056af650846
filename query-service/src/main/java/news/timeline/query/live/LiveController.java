package news.timeline.query.live;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import news.timeline.query.consuming.AppliedSequences;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.server.ResponseStatusException;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

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
    private final StreamsPerAddress perAddress;

    LiveController(LiveStreams streams, AppliedSequences sequences, StreamsPerAddress perAddress) {
        this.streams = streams;
        this.sequences = sequences;
        this.perAddress = perAddress;
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
        String address = request.getRemoteAddr();
        if (!perAddress.tryOpen(address)) {
            ErrorResponseException tooMany = new ErrorResponseException(HttpStatus.TOO_MANY_REQUESTS,
                    ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, "this address holds "
                            + perAddress.cap() + " live streams already; close one first"), null);
            tooMany.getHeaders().set(HttpHeaders.RETRY_AFTER, "30");
            throw tooMany;
        }
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                perAddress.closed(address);
            }
        };
        try {
            serve(timelineId, lastSeen, request, response, release);
        } catch (IOException | RuntimeException e) {
            release.run();
            throw e;
        }
    }

    private void serve(String timelineId, long lastSeen, HttpServletRequest request, HttpServletResponse response,
                       Runnable onClose) throws IOException {
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-cache, no-transform");
        response.setHeader("X-Accel-Buffering", "no");
        // every write goes straight to the socket: a buffer would keep what a full socket did not take until
        // the next write, which on a quiet night may be the next heartbeat
        response.setBufferSize(0);
        response.flushBuffer();
        streams.open(timelineId, lastSeen, request.startAsync(request, response), onClose);
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
