package news.timeline.query.security;

import jakarta.servlet.DispatcherType;
import news.timeline.accounts.NewsroomAccounts;
import news.timeline.accounts.NewsroomSignIn;
import news.timeline.accounts.StaffPagesSignIn;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Readers are anonymous and may only read: the timeline, its updates and their public history, the page, the feed,
 * health. The auditors' endpoints need the AUDITOR (or ADMIN) role, the admin operations (rebuilds) ADMIN
 * (sign-in: {@link NewsroomSignIn}; on the auditors' pages {@link StaffPagesSignIn}).
 */
@Configuration(proxyBeanMethods = false)
@Import(NewsroomAccounts.class)
class ReaderSecurity {

    private static final String[] PUBLIC_READS = {"/api/timelines/**", "/timelines/**", "/assets/**", "/demo/**",
            "/actuator/health/**", "/actuator/info", "/error", "/v3/api-docs", "/v3/api-docs/**"};

    /**
     * The auditors' pages, which a browser opens: a sign-in page (or the identity provider's) and a session, rather
     * than the browser's password prompt. Everything else is the stateless chain below.
     */
    @Bean
    @Order(1)
    SecurityFilterChain auditorsPages(HttpSecurity http, StaffPagesSignIn signIn) throws Exception {
        return signIn.applyTo(http.securityMatcher("/audit/**", "/login", "/logout", "/default-ui.css",
                        "/oauth2/authorization/**", "/login/oauth2/code/**"))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/audit/**").hasAnyRole(NewsroomAccounts.AUDITOR, NewsroomAccounts.ADMIN)
                        .anyRequest().permitAll())
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain readerAccess(HttpSecurity http, NewsroomSignIn signIn) throws Exception {
        return signIn.applyTo(http)
                .authorizeHttpRequests(requests -> requests
                        // a request that failed is answered as it failed (a 500 stays a 500), not refused again
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers("/api/admin/**").hasRole(NewsroomAccounts.ADMIN)
                        .requestMatchers(HttpMethod.GET, "/actuator/metrics", "/actuator/metrics/**",
                                "/actuator/prometheus")
                        .hasRole(NewsroomAccounts.ADMIN)
                        .requestMatchers("/api/audit/**")
                        .hasAnyRole(NewsroomAccounts.AUDITOR, NewsroomAccounts.ADMIN)
                        .requestMatchers(HttpMethod.GET, PUBLIC_READS).permitAll()
                        // the same answers without their bodies (RFC 9110), as CDNs and link checkers ask
                        .requestMatchers(HttpMethod.HEAD, PUBLIC_READS).permitAll()
                        .anyRequest().denyAll())
                .build();
    }
}
