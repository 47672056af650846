package news.timeline.query.timeline;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import news.timeline.query.consuming.AppliedSequences;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.server.ResponseStatusException;

import java.time.Duration;

/**
 * The readers' API: the timeline newest first, one update (the plain first page is served from memory by
 * {@link FirstPageFilter} before it gets here). Responses carry an entity tag and may be kept briefly
 * by shared caches; {@code minSequence} (the sequence a command answered with) waits up to two seconds for the
 * projection to have it, so that an editor reads their own write.
 */
@RestController
@RequestMapping("/api/timelines/{timelineId}")
class ReaderController {

    static final Duration READ_YOUR_WRITES_WAIT = Duration.ofSeconds(2);
    static final String SEQUENCE_HEADER = "Timeline-Sequence";

    private final TimelineReader reader;
    private final AppliedSequences sequences;

    ReaderController(TimelineReader reader, AppliedSequences sequences) {
        this.reader = reader;
        this.sequences = sequences;
    }

    @GetMapping
    ResponseEntity<?> timeline(@PathVariable String timelineId,
                               @RequestParam(required = false) @Min(0) Long before,
                               @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
                               @RequestParam(required = false) @Min(0) Long minSequence,
                               WebRequest request) {
        CacheControl caching = awaitMinSequence(timelineId, minSequence);
        long current = existing(timelineId);
        if (HttpCaching.notModified(request, HttpCaching.etag("page", current, before, limit))) {
            return notModified(HttpCaching.etag("page", current, before, limit), caching, current);
        }
        TimelinePage page = reader.page(timelineId, before, limit).orElseThrow(() -> noTimeline(timelineId));
        return ResponseEntity.ok().eTag(HttpCaching.etag("page", page.lastSequence(), before, limit))
                .cacheControl(caching).header(SEQUENCE_HEADER, String.valueOf(page.lastSequence())).body(page);
    }

    @GetMapping("/updates/{updateId}")
    ResponseEntity<?> update(@PathVariable String timelineId, @PathVariable String updateId,
                             @RequestParam(required = false) @Min(0) Long minSequence, WebRequest request) {
        CacheControl caching = awaitMinSequence(timelineId, minSequence);
        long current = existing(timelineId);
        String etag = HttpCaching.etag("update", current, updateId);
        if (HttpCaching.notModified(request, etag)) {
            return notModified(etag, caching, current);
        }
        UpdateView update = reader.update(timelineId, updateId).orElseThrow(() -> new ResponseStatusException(
                HttpStatus.NOT_FOUND, "timeline " + timelineId + " has no update " + updateId));
        if (update.status() == UpdateView.Status.ERASED) {
            // gone for good, and said so (RFC 9110): its public note is all there is
            ProblemDetail gone = ProblemDetail.forStatusAndDetail(HttpStatus.GONE, update.retraction().publicNote());
            gone.setTitle("Update erased");
            return ResponseEntity.status(HttpStatus.GONE).eTag(etag).cacheControl(caching)
                    .header(SEQUENCE_HEADER, String.valueOf(current)).body(gone);
        }
        return ResponseEntity.ok().eTag(etag).cacheControl(caching).header(SEQUENCE_HEADER, String.valueOf(current))
                .body(update);
    }

    private CacheControl awaitMinSequence(String timelineId, Long minSequence) {
        if (minSequence == null) {
            return HttpCaching.PUBLIC;
        }
        sequences.awaitAtLeast(timelineId, minSequence, READ_YOUR_WRITES_WAIT);
        return HttpCaching.PRIVATE;
    }

    private long existing(String timelineId) {
        long current = sequences.current(timelineId);
        if (current < 0) {
            throw noTimeline(timelineId);
        }
        return current;
    }

    private static ResponseEntity<?> notModified(String etag, CacheControl caching, long sequence) {
        return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).cacheControl(caching)
                .header(SEQUENCE_HEADER, String.valueOf(sequence)).build();
    }

    private static ResponseStatusException noTimeline(String timelineId) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "no timeline " + timelineId);
    }
}
