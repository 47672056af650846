package news.timeline.query.timeline;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import news.timeline.query.consuming.AppliedSequences;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Optional;

/**
 * The hottest request of a big night, {@code GET /api/timelines/{tid}} with no parameters, when
 * {@link FirstPageHandler} could not answer it on the I/O thread (the page in memory is out of date, or the reader
 * is on another origin): answered here, ahead of the rest of the web stack, loading the page into memory when
 * needed. A public page needs no authentication, no handler mapping and no serialization, just the cached bytes,
 * their validators and the security headers. Anything else (another page, an unknown timeline, a read-your-writes
 * wait) goes on to {@link ReaderController}.
 */
@Configuration(proxyBeanMethods = false)
class FirstPageFilter extends OncePerRequestFilter {

    private static final String PREFIX = "/api/timelines/";

    private final FirstPages firstPages;
    private final AppliedSequences sequences;

    FirstPageFilter(FirstPages firstPages, AppliedSequences sequences) {
        this.firstPages = firstPages;
        this.sequences = sequences;
    }

    @Bean
    FilterRegistrationBean<FirstPageFilter> firstPageFilterRegistration() {
        FilterRegistrationBean<FirstPageFilter> registration = new FilterRegistrationBean<>(this);
        registration.addUrlPatterns(PREFIX + "*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> timelineId = firstPageOf(request);
        long current = timelineId.map(sequences::current).orElse(-1L);
        if (current < 0) {
            chain.doFilter(request, response);
            return;
        }
        if (HttpCaching.notModified(new ServletWebRequest(request), etag(current))) {
            headers(response, current);
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        Optional<FirstPages.Cached> cached = firstPages.get(timelineId.get());
        if (cached.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        headers(response, cached.get().page().lastSequence());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(cached.get().json().length);
        response.getOutputStream().write(cached.get().json());
    }

    /** The same tag as {@link ReaderController} gives the first page of the default size. */
    static String etag(long sequence) {
        return HttpCaching.etag("page", sequence, null, FirstPages.DEFAULT_LIMIT);
    }

    private static void headers(HttpServletResponse response, long sequence) {
        response.setHeader(HttpHeaders.ETAG, etag(sequence));
        response.setHeader(HttpHeaders.CACHE_CONTROL, HttpCaching.PUBLIC.getHeaderValue());
        response.setHeader(ReaderController.SEQUENCE_HEADER, String.valueOf(sequence));
        response.setHeader("X-Content-Type-Options", "nosniff");
    }

    /** The timeline id of a plain first-page request, or empty. */
    private static Optional<String> firstPageOf(HttpServletRequest request) {
        String path = request.getRequestURI();
        if (!"GET".equals(request.getMethod()) || request.getQueryString() != null || !path.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String timelineId = path.substring(PREFIX.length());
        return timelineId.isEmpty() || timelineId.indexOf('/') >= 0 ? Optional.empty() : Optional.of(timelineId);
    }
}
