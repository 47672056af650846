package news.timeline.query.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.List;

/**
 * Every answer about a timeline names what it shows in a {@code Surrogate-Key} header, as Fastly, Varnish (xkey) and
 * other CDNs read it: {@code timeline-{tid}}, and {@code update-{tid}-{uid}} for an update's own answers. An erasure
 * hands both keys to the caches' purge hook, so a cache in front drops whatever it held of them. The first pages
 * answered on the I/O thread say theirs themselves ({@code FirstPageHandler}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)   // ahead of the first pages' own fast answer (FirstPageFilter)
public class SurrogateKeys extends OncePerRequestFilter {

    public static final String HEADER = "Surrogate-Key";
    private static final List<String> PREFIXES = List.of("/timelines/", "/api/timelines/", "/api/audit/timelines/");

    public static List<String> of(String timelineId, String updateId) {
        return updateId == null ? List.of("timeline-" + timelineId)
                : List.of("timeline-" + timelineId, "update-" + timelineId + "-" + updateId);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        for (String prefix : PREFIXES) {
            if (path.startsWith(prefix) && path.length() > prefix.length()) {
                // {tid}[/updates/{uid}[/...]]: split by hand, this runs before every first page
                String[] parts = path.substring(prefix.length()).split("/", 4);
                String updateId = parts.length > 2 && parts[1].equals("updates") ? parts[2] : null;
                response.setHeader(HEADER, String.join(" ", of(parts[0], updateId)));
                break;
            }
        }
        chain.doFilter(request, response);
    }
}
