package news.timeline.query.timeline;

import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Renders updates with the page's own template fragment, for the live stream and "Load more updates": one
 * renderer, and the template escapes every word an editor wrote.
 */
@Component
public class ArticleRenderer {

    private final TemplateEngine templates;
    private final ReaderFormat format;
    private final FirstPages firstPages;
    private final TimelineReader reader;

    ArticleRenderer(TemplateEngine templates, ReaderFormat format, FirstPages firstPages, TimelineReader reader) {
        this.templates = templates;
        this.format = format;
        this.firstPages = firstPages;
        this.reader = reader;
    }

    public String render(String timelineId, UpdateView update) {
        return render(timelineId, List.of(update));
    }

    public String render(String timelineId, List<UpdateView> updates) {
        // times are in the timeline's zone and read against the day of its latest update, as on its page: from its
        // first page when that is in memory and current (a live push renders right after each event: no database
        // read for it), else its zone from its row and the newest of these updates, which a new post is
        Optional<TimelinePage> firstPage = firstPages.fresh(timelineId).map(FirstPages.Cached::page);
        Context context = new Context();
        context.setVariables(Map.of("timelineId", timelineId, "updates", updates,
                "fmt", format.in(firstPage.isPresent() ? firstPage.get().timeZone()
                        : reader.timeZone(timelineId).orElse(null))));
        context.setVariable("latest", firstPage.map(TimelinePage::latestPostedAt)
                .orElseGet(() -> UpdateView.latestPostedAt(updates)));
        return templates.process("fragments/update", Set.of("articles"), context);
    }
}
