package news.timeline.query.timeline;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The timelines there are, most recently changed first: how the editor desk (or a front page) finds them. */
@RestController
class TimelineListController {

    private final TimelineReader reader;

    TimelineListController(TimelineReader reader) {
        this.reader = reader;
    }

    @GetMapping("/api/timelines")
    ResponseEntity<List<TimelineSummary>> timelines(@RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(reader.timelines(limit));
    }
}
