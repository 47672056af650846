package news.timeline.query.timeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import news.timeline.events.Block;
import org.springframework.stereotype.Component;

import java.util.stream.Collectors;

/**
 * schema.org {@code LiveBlogPosting} for search engines: the coverage and each live update with its publication
 * and modification times. Retracted updates are left out. Safe inside a script element: no raw {@code <}, {@code >}
 * or {@code &} survives.
 */
@Component
class LiveBlogJsonLd {

    private final ObjectMapper json;

    LiveBlogJsonLd(ObjectMapper json) {
        this.json = json;
    }

    String of(TimelinePage page, String pageUrl) {
        ObjectNode blog = json.createObjectNode()
                .put("@context", "https://schema.org")
                .put("@type", "LiveBlogPosting")
                .put("@id", pageUrl)
                .put("url", pageUrl)
                .put("headline", page.title())
                .put("description", page.summary())
                .put("datePublished", page.openedAt().toString())
                .put("dateModified", page.updatedAt().toString())
                .put("coverageStartTime", page.openedAt().toString());
        if (page.closedAt() != null) {
            blog.put("coverageEndTime", page.closedAt().toString());
        }
        ArrayNode updates = blog.putArray("liveBlogUpdate");
        for (UpdateView update : page.updates()) {
            if (update.tombstone()) {
                continue;
            }
            ObjectNode posting = updates.addObject()
                    .put("@type", "BlogPosting")
                    .put("@id", pageUrl + "#update-" + update.id())
                    .put("url", pageUrl + "#update-" + update.id())
                    .put("headline", update.headline())
                    .put("datePublished", update.postedAt().toString())
                    .put("dateModified", (update.modifiedAt() != null ? update.modifiedAt() : update.postedAt()).toString())
                    .put("articleBody", update.blocks().stream().map(LiveBlogJsonLd::text)
                            .filter(text -> !text.isBlank()).collect(Collectors.joining("\n\n")));
            update.blocks().stream().filter(Block.Image.class::isInstance).map(Block.Image.class::cast)
                    .findFirst().ifPresent(image -> posting.put("image", image.url()));
        }
        try {
            return json.writeValueAsString(blog)
                    .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(Block block) {
        if (block instanceof Block.Paragraph paragraph) {
            return paragraph.text();
        }
        if (block instanceof Block.Quote quote) {
            return quote.text();
        }
        return "";
    }
}
