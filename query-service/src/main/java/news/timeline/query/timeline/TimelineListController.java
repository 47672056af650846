package news.timeline.query.timeline;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

import java.util.List;
import java.util.Optional;

/**
 * The timelines there are, most recently changed first: how the editor desk (or a front page) finds them among
 * thousands. {@code q} finds those whose title, summary or id holds it; a full page links to the next (RFC 8288
 * {@code Link: <…>; rel="next"}), the list itself staying a plain array.
 */
@RestController
class TimelineListController {

    private final TimelineReader reader;

    TimelineListController(TimelineReader reader) {
        this.reader = reader;
    }

    @GetMapping("/api/timelines")
    ResponseEntity<List<TimelineSummary>> timelines(@RequestParam(required = false) @Size(max = 200) String q,
                                                    @RequestParam(required = false) String after,
                                                    @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        List<TimelineSummary> page = reader.timelines(q, after == null ? null : TimelineListCursor.parse(after),
                limit);
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok().cacheControl(CacheControl.noCache());
        if (page.size() == limit) {
            // relative to this list's address (RFC 8288 resolves it so), whatever host a proxy showed it at
            String next = UriComponentsBuilder.fromPath("/api/timelines")
                    .queryParamIfPresent("q", Optional.ofNullable(q).filter(search -> !search.isBlank()))
                    .queryParam("limit", limit)
                    .queryParam("after", TimelineListCursor.after(page.get(page.size() - 1)).token())
                    .encode().build().toUriString();
            answer.header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
        }
        return answer.body(page);
    }

    @ExceptionHandler
    ProblemDetail notACursor(IllegalArgumentException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }
}
