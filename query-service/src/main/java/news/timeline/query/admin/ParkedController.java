package news.timeline.query.admin;

import news.timeline.query.consuming.ParkedRecords;
import news.timeline.query.consuming.ParkedTimelines;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.NoSuchElementException;

/**
 * Admins: timelines whose records wait because one could not be read ({@code GET /api/admin/parked}), released
 * ({@code POST …/{tid}/release}: applied as this version reads them) or with the first skipped
 * ({@code POST …/{tid}/skip} {@code {reason}}: kept with who skipped it and why).
 */
@RestController
@RequestMapping("/api/admin/parked")
class ParkedController {

    /** Why the first waiting record is skipped: required, kept with it. */
    record SkipRequest(String reason) {
    }

    private final ParkedTimelines parked;

    ParkedController(ParkedTimelines parked) {
        this.parked = parked;
    }

    @GetMapping
    List<ParkedRecords.Waiting> waiting() {
        return parked.waiting();
    }

    @PostMapping("/{timelineId}/release")
    ParkedTimelines.Released release(@PathVariable String timelineId, Authentication admin) throws Exception {
        return parked.release(timelineId, admin.getName());
    }

    @PostMapping("/{timelineId}/skip")
    ParkedTimelines.Released skip(@PathVariable String timelineId, @RequestBody SkipRequest request,
                                  Authentication admin) throws Exception {
        if (request.reason() == null || request.reason().isBlank() || request.reason().length() > 1_000) {
            throw new IllegalArgumentException("a reason of 1 to 1,000 characters is required to skip a record");
        }
        return parked.skipFirst(timelineId, admin.getName(), request.reason());
    }

    @ExceptionHandler
    ProblemDetail nothingParked(NoSuchElementException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail noReason(IllegalArgumentException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail cannotApply(IllegalStateException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "the records cannot be applied, nothing changed: "
                + e.getMessage());
    }
}
