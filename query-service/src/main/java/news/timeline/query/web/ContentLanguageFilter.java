package news.timeline.query.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Locale;

/**
 * Pages say the language they are written in as a language tag (RFC 5646). Spring MVC hands each rendered page the
 * locale it resolved, English (the pages' {@code lang}, {@code spring.web.locale}), and Undertow writes a locale as
 * language, dash, country: {@code en-}, which is no tag.
 */
@Component
class ContentLanguageFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, new HttpServletResponseWrapper(response) {
            @Override
            public void setLocale(Locale locale) {
                super.setLocale(locale);
                setHeader(HttpHeaders.CONTENT_LANGUAGE, locale.toLanguageTag());
            }
        });
    }
}
