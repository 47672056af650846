package news.timeline.query.erasure;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every answer about a timeline names what it shows in a {@code Surrogate-Key} header, as Fastly, Varnish (xkey) and
 * other CDNs read it: {@code timeline-{tid}}, and {@code update-{tid}-{uid}} for an update's own answers. An erasure
 * hands both keys to the purge hook ({@link PurgeHook}), so a cache in front drops whatever it held of them.
 */
@Component
class SurrogateKeys extends OncePerRequestFilter {

    static final String HEADER = "Surrogate-Key";
    private static final Pattern TIMELINE_PATH = Pattern.compile(
            "^/(?:api/(?:audit/)?)?timelines/([^/]+)(?:/updates/([^/]+))?");

    static List<String> of(String timelineId, String updateId) {
        return updateId == null ? List.of("timeline-" + timelineId)
                : List.of("timeline-" + timelineId, "update-" + timelineId + "-" + updateId);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Matcher path = TIMELINE_PATH.matcher(request.getRequestURI());
        if (path.find()) {
            response.setHeader(HEADER, String.join(" ", of(path.group(1), path.group(2))));
        }
        chain.doFilter(request, response);
    }
}
