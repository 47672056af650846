package news.timeline.query.audit;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import news.timeline.events.EventJson;
import news.timeline.events.UpdateErased;
import news.timeline.query.timeline.PageCut;
import news.timeline.query.timeline.TimelinePage;
import news.timeline.query.timeline.UpdateView;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code GET /api/audit/timelines/{tid}?asOf=<instant>}: the timeline exactly as readers saw it at that instant,
 * rebuilt from its events. Memento style too (RFC 7089): an {@code Accept-Datetime} request header instead of
 * {@code asOf}, answered with {@code Memento-Datetime}, the time of the last change the answer includes.
 */
@RestController
class TimeTravelController {

    private final JdbcTemplate jdbc;

    TimeTravelController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One update whose state differs between two instants: as it was (null: not posted yet) and as it is. */
    record Change(String updateId, UpdateView before, UpdateView after) {
    }

    /**
     * What changed between two instants: every update posted, edited, retracted, pinned or unpinned, newest first, a
     * page at a time ({@code next}: the {@code before} of the following page, null on the last).
     * {@code statusBefore} is null when the timeline did not exist yet at {@code from}.
     */
    record Difference(String timelineId, Instant from, Instant to, TimelinePage.Status statusBefore,
                      TimelinePage.Status statusAfter, List<Change> changes, Long next) {
    }

    @GetMapping("/api/audit/timelines/{timelineId}/difference")
    Difference difference(@PathVariable String timelineId,
                          @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                          @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                          @RequestParam(required = false) Long before,
                          @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit) {
        // before the timeline was opened, everything it holds at the later instant is a change
        TimelineAsOf earlier = replay(timelineId, from);
        TimelinePage then = earlier.existed() ? earlier.page() : null;
        TimelinePage after = rebuild(timelineId, to).page();
        Map<String, UpdateView> was = then == null ? Map.of() : then.updates().stream()
                .collect(Collectors.toMap(UpdateView::id, Function.identity()));
        List<Change> changes = after.updates().stream()
                .filter(update -> before == null || update.sequence() < before)
                .filter(update -> !update.equals(was.get(update.id())))
                .sorted(Comparator.comparingLong(UpdateView::sequence).reversed())
                .limit(limit + 1L)
                .map(update -> new Change(update.id(), was.get(update.id()), update))
                .toList();
        PageCut<Change> page = PageCut.of(changes, limit, change -> change.after().sequence());
        return new Difference(timelineId, from, to, then == null ? null : then.status(), after.status(),
                page.items(), page.next());
    }

    /** Paged as the readers' pages are ({@code before}, {@code limit}): a long timeline is not one huge answer. */
    @GetMapping("/api/audit/timelines/{timelineId}")
    ResponseEntity<?> asOf(@PathVariable String timelineId,
                           @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                           Instant asOf,
                           @RequestHeader(value = "Accept-Datetime", required = false) String acceptDatetime,
                           @RequestParam(required = false) Long before,
                           @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit) {
        Instant instant = asOf != null ? asOf : acceptDatetime != null ? httpDate(acceptDatetime) : Instant.now();
        TimelineAsOf timeline = rebuild(timelineId, instant);
        return ResponseEntity.ok()
                .header("Memento-Datetime", DateTimeFormatter.RFC_1123_DATE_TIME.format(
                        timeline.lastChange().atZone(ZoneOffset.UTC)))
                .header(HttpHeaders.VARY, "Accept-Datetime")
                .body(timeline.page(before, limit));
    }

    private TimelineAsOf rebuild(String timelineId, Instant instant) {
        TimelineAsOf timeline = replay(timelineId, instant);
        if (!timeline.existed()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no timeline " + timelineId + " at " + instant);
        }
        return timeline;
    }

    private TimelineAsOf replay(String timelineId, Instant instant) {
        Map<String, String> erasures = new HashMap<>();
        // the timeline's few erasures, each event read by its key (not a search of the timeline's whole log)
        jdbc.query("SELECT a.envelope FROM erasure e JOIN audit_entry a ON a.timeline_id = e.timeline_id "
                        + "AND a.sequence = e.sequence WHERE e.timeline_id = ?",
                (RowCallbackHandler) rs -> {
                    UpdateErased erased = (UpdateErased) EventJson.read(rs.getString("envelope")
                            .getBytes(StandardCharsets.UTF_8)).payload();
                    erasures.put(erased.updateId(), erased.publicNote());
                }, timelineId);
        TimelineAsOf timeline = new TimelineAsOf(erasures);
        jdbc.query("SELECT envelope FROM audit_entry WHERE timeline_id = ? AND occurred_at <= ? ORDER BY sequence",
                (RowCallbackHandler) rs -> timeline.apply(
                        EventJson.read(rs.getString("envelope").getBytes(StandardCharsets.UTF_8))),
                timelineId, instant.atOffset(ZoneOffset.UTC));
        return timeline;
    }

    private static Instant httpDate(String value) {
        try {
            return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "Accept-Datetime must be an HTTP date, e.g. Fri, 10 Oct 2014 08:05:00 GMT");
        }
    }
}
