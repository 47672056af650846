package news.timeline.query.timeline;

import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

import java.util.List;
import java.util.Map;
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

    ArticleRenderer(TemplateEngine templates, ReaderFormat format, FirstPages firstPages) {
        this.templates = templates;
        this.format = format;
        this.firstPages = firstPages;
    }

    public String render(String timelineId, UpdateView update) {
        return render(timelineId, List.of(update));
    }

    public String render(String timelineId, List<UpdateView> updates) {
        Context context = new Context();
        context.setVariables(Map.of("timelineId", timelineId, "updates", updates, "fmt", format));
        // times are read against the day of the timeline's latest update, as on its page: from its first page when
        // that is in memory and current (a live push renders right after each event: no database read for it),
        // else the newest of these, which a new post is
        context.setVariable("latest", firstPages.fresh(timelineId).map(cached -> cached.page().latestPostedAt())
                .orElseGet(() -> UpdateView.latestPostedAt(updates)));
        return templates.process("fragments/update", Set.of("articles"), context);
    }
}
