package news.timeline.query.timeline;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import news.timeline.query.consuming.AppliedSequences;
import news.timeline.query.history.HistoryReader;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.util.List;

/** The reader page, server-rendered, and the pieces its script fetches. */
@Controller
class PageController {

    private final FirstPages firstPages;
    private final TimelineReader reader;
    private final HistoryReader histories;
    private final AppliedSequences sequences;
    private final ArticleRenderer articles;
    private final LiveBlogJsonLd jsonLd;
    private final ReaderFormat format;

    PageController(FirstPages firstPages, TimelineReader reader, HistoryReader histories,
                   AppliedSequences sequences, ArticleRenderer articles, LiveBlogJsonLd jsonLd, ReaderFormat format) {
        this.firstPages = firstPages;
        this.reader = reader;
        this.histories = histories;
        this.sequences = sequences;
        this.articles = articles;
        this.jsonLd = jsonLd;
        this.format = format;
    }

    @GetMapping("/timelines/{timelineId}")
    String page(@PathVariable String timelineId, Model model, WebRequest request, HttpServletResponse response) {
        long current = existing(timelineId);
        String etag = HttpCaching.etag("html", current);
        response.setHeader(HttpHeaders.CACHE_CONTROL, HttpCaching.PUBLIC.getHeaderValue());
        response.setHeader(ReaderController.SEQUENCE_HEADER, String.valueOf(current));
        if (HttpCaching.notModified(request, etag)) {
            response.setHeader(HttpHeaders.ETAG, etag);
            response.setStatus(HttpStatus.NOT_MODIFIED.value());
            return null;
        }
        TimelinePage page = firstPages.get(timelineId).orElseThrow(() -> noTimeline(timelineId)).page();
        response.setHeader(HttpHeaders.ETAG, HttpCaching.etag("html", page.lastSequence()));
        String url = ServletUriComponentsBuilder.fromCurrentRequestUri().replaceQuery(null).toUriString();
        model.addAttribute("page", page);
        model.addAttribute("pinned", page.updates().stream().filter(UpdateView::pinned).toList());
        model.addAttribute("updates", page.updates().stream().filter(update -> !update.pinned()).toList());
        model.addAttribute("jsonLd", jsonLd.of(page, url));
        model.addAttribute("latest", page.latestPostedAt());
        model.addAttribute("fmt", format.in(page.timeZone()));
        return "timeline";
    }

    /** Older updates as rendered articles, for "Load more updates"; {@code Next-Before} says where to go on. */
    @GetMapping(value = "/timelines/{timelineId}/updates", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> olderArticles(@PathVariable String timelineId,
                                         @RequestParam @Min(0) long before,
                                         @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit) {
        TimelinePage page = reader.page(timelineId, before, limit).orElseThrow(() -> noTimeline(timelineId));
        List<UpdateView> older = page.updates();
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok().cacheControl(HttpCaching.PUBLIC)
                .eTag(HttpCaching.etag("older", page.lastSequence(), before, limit));
        if (page.next() != null) {
            answer.header("Next-Before", String.valueOf(page.next()));
        }
        return answer.contentType(MediaType.TEXT_HTML).body(articles.render(timelineId, older));
    }

    @GetMapping("/timelines/{timelineId}/updates/{updateId}/history")
    String history(@PathVariable String timelineId, @PathVariable String updateId, Model model) {
        model.addAttribute("history", histories.publicHistory(timelineId, updateId).orElseThrow(
                () -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no update " + updateId)));
        model.addAttribute("fmt", format.in(reader.timeZone(timelineId).orElse(null)));
        return "history";
    }

    private long existing(String timelineId) {
        long current = sequences.current(timelineId);
        if (current < 0) {
            throw noTimeline(timelineId);
        }
        return current;
    }

    private static ResponseStatusException noTimeline(String timelineId) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "no timeline " + timelineId);
    }
}
