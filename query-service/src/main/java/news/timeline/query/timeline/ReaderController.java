package news.timeline.query.timeline;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The readers' API: the timeline newest first, one update. */
@RestController
@RequestMapping("/api/timelines/{timelineId}")
class ReaderController {

    private final TimelineReader reader;

    ReaderController(TimelineReader reader) {
        this.reader = reader;
    }

    @GetMapping
    TimelinePage timeline(@PathVariable String timelineId,
                          @RequestParam(required = false) @Min(0) Long before,
                          @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit) {
        return reader.page(timelineId, before, limit)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no timeline " + timelineId));
    }

    @GetMapping("/updates/{updateId}")
    UpdateView update(@PathVariable String timelineId, @PathVariable String updateId) {
        return reader.update(timelineId, updateId).orElseThrow(() -> new ResponseStatusException(
                HttpStatus.NOT_FOUND, "timeline " + timelineId + " has no update " + updateId));
    }
}
