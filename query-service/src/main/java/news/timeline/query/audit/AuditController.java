package news.timeline.query.audit;

import news.timeline.query.timeline.ReaderFormat;
import news.timeline.query.timeline.TimeFormat;
import news.timeline.query.timeline.TimelineReader;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

import java.time.Instant;

/**
 * The auditors' pages (AUDITOR or ADMIN): a timeline's proof of integrity and every update it ever held, and each
 * update's full history with word-level differences; and the JSON of both.
 */
@Controller
class AuditController {

    /** The auditors' list of a timeline's updates, a page at a time. */
    private static final int UPDATES_PER_PAGE = 100;

    private final AuditHistories histories;
    private final AuditOverview overview;
    private final ChainVerification chains;
    private final ReaderFormat format;
    private final TimelineReader reader;

    AuditController(AuditHistories histories, AuditOverview overview, ChainVerification chains, ReaderFormat format,
                    TimelineReader reader) {
        this.histories = histories;
        this.overview = overview;
        this.chains = chains;
        this.format = format;
        this.reader = reader;
    }

    /** The auditors read times as the timeline's readers do: in its zone. */
    private TimeFormat formatOf(String timelineId) {
        return format.in(reader.timeZone(timelineId).orElse(null));
    }

    /** The hash chain recomputed from the audit log; see {@link ChainVerification}. */
    @GetMapping("/api/audit/timelines/{timelineId}/verify")
    @ResponseBody
    ChainVerification.Verification verify(@PathVariable String timelineId) {
        return chains.verify(timelineId);
    }

    @GetMapping("/api/audit/timelines/{timelineId}/updates/{updateId}/history")
    @ResponseBody
    AuditHistories.AuditHistory history(@PathVariable String timelineId, @PathVariable String updateId) {
        return histories.history(timelineId, updateId);
    }

    @GetMapping("/audit/timelines/{timelineId}/updates/{updateId}")
    String historyPage(@PathVariable String timelineId, @PathVariable String updateId, Model model) {
        model.addAttribute("history", histories.history(timelineId, updateId));
        model.addAttribute("fmt", formatOf(timelineId));
        return "audit/history";
    }

    @GetMapping("/audit/timelines/{timelineId}")
    String timelinePage(@PathVariable String timelineId, @RequestParam(required = false) Long before, Model model) {
        model.addAttribute("timeline", overview.of(timelineId, before, UPDATES_PER_PAGE));
        model.addAttribute("chain", chains.verify(timelineId));
        model.addAttribute("erasures", overview.erasures(timelineId));
        model.addAttribute("now", Instant.now());
        model.addAttribute("fmt", formatOf(timelineId));
        return "audit/timeline";
    }
}
