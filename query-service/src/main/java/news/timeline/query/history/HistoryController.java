package news.timeline.query.history;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** An update's public history, the transparency readers are owed about corrections. */
@RestController
class HistoryController {

    private final HistoryReader histories;

    HistoryController(HistoryReader histories) {
        this.histories = histories;
    }

    @GetMapping("/api/timelines/{timelineId}/updates/{updateId}/history")
    PublicHistory history(@PathVariable String timelineId, @PathVariable String updateId) {
        return histories.publicHistory(timelineId, updateId).orElseThrow(() -> new ResponseStatusException(
                HttpStatus.NOT_FOUND, "timeline " + timelineId + " has no update " + updateId));
    }
}
