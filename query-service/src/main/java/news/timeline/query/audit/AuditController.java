package news.timeline.query.audit;

import news.timeline.query.timeline.ReaderFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The auditors' pages (AUDITOR or ADMIN): a timeline's proof of integrity and every update it ever held, and each
 * update's full history with word-level differences; and the JSON of both.
 */
@Controller
class AuditController {

    private final AuditHistories histories;
    private final AuditOverview overview;
    private final ChainVerification chains;
    private final ReaderFormat format;

    AuditController(AuditHistories histories, AuditOverview overview, ChainVerification chains, ReaderFormat format) {
        this.histories = histories;
        this.overview = overview;
        this.chains = chains;
        this.format = format;
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
        model.addAttribute("fmt", format);
        return "audit/history";
    }

    @GetMapping("/audit/timelines/{timelineId}")
    String timelinePage(@PathVariable String timelineId, Model model) {
        model.addAttribute("timeline", overview.of(timelineId));
        model.addAttribute("chain", chains.verify(timelineId));
        model.addAttribute("fmt", format);
        return "audit/timeline";
    }
}
