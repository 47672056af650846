package news.timeline.query.security;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

import java.time.Duration;
import java.util.List;

/**
 * The readers' API is public, so any page may read it: the editor desk (served by the command service), a
 * partner's embed, a front page. Reads only, without credentials. First in line, ahead of the in-memory first page
 * and of Spring Security, so that every answer carries the headers and a preflight never meets a sign-in.
 */
@Configuration(proxyBeanMethods = false)
class ReaderCors {

    @Bean
    FilterRegistrationBean<CorsFilter> readerCorsFilter() {
        CorsConfiguration reads = new CorsConfiguration();
        reads.setAllowedOrigins(List.of(CorsConfiguration.ALL));
        reads.setAllowedMethods(List.of("GET", "HEAD"));
        reads.setAllowedHeaders(List.of(HttpHeaders.IF_NONE_MATCH, "Last-Event-ID", HttpHeaders.CACHE_CONTROL));
        reads.setExposedHeaders(List.of(HttpHeaders.ETAG, "Timeline-Sequence", HttpHeaders.LINK));
        reads.setMaxAge(Duration.ofHours(1));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/timelines/**", reads);
        FilterRegistrationBean<CorsFilter> registration = new FilterRegistrationBean<>(new CorsFilter(source));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
