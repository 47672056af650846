package news.timeline.query.timeline;

import org.springframework.http.CacheControl;
import org.springframework.web.context.request.WebRequest;

import java.time.Duration;

/**
 * Validators and freshness for readers' responses, so that a CDN or a browser can keep them: an entity tag made
 * from the timeline's last applied sequence (nothing changes between two events), and a short shared max-age.
 */
public final class HttpCaching {

    /** Long enough to absorb a crowd through a CDN, short enough for a page that also gets pushed changes. */
    public static final CacheControl PUBLIC = CacheControl.maxAge(Duration.ofSeconds(5)).cachePublic()
            .staleWhileRevalidate(Duration.ofSeconds(30));
    /** A read-your-writes answer is for its editor only. */
    public static final CacheControl PRIVATE = CacheControl.noCache().cachePrivate();

    private HttpCaching() {
    }

    /** {@code "page-12-20-"}: the representation, the sequence its content is at, and what selects it. */
    public static String etag(String representation, long sequence, Object... selectors) {
        StringBuilder tag = new StringBuilder("\"").append(representation).append('-').append(sequence);
        for (Object selector : selectors) {
            tag.append('-').append(selector == null ? "" : selector);
        }
        return tag.append('"').toString();
    }

    /** True when the client holds this entity already, answered with 304 by the caller. */
    public static boolean notModified(WebRequest request, String etag) {
        String ifNoneMatch = request.getHeader("If-None-Match");
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }
}
