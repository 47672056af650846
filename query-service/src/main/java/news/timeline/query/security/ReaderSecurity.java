package news.timeline.query.security;

import jakarta.servlet.DispatcherType;
import news.timeline.accounts.NewsroomAccounts;
import news.timeline.accounts.NewsroomSignIn;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Readers are anonymous and may only read: the timeline, its updates and their public history, the page, the feed,
 * health. The auditors' endpoints need the AUDITOR (or ADMIN) role, the admin operations (rebuilds) ADMIN
 * (sign-in: {@link NewsroomSignIn}).
 */
@Configuration(proxyBeanMethods = false)
@Import(NewsroomAccounts.class)
class ReaderSecurity {

    private static final String[] PUBLIC_READS = {"/api/timelines/**", "/timelines/**", "/assets/**", "/demo/**",
            "/actuator/health/**", "/actuator/info", "/error", "/v3/api-docs", "/v3/api-docs/**"};

    @Bean
    SecurityFilterChain readerAccess(HttpSecurity http, NewsroomSignIn signIn) throws Exception {
        return signIn.applyTo(http)
                .authorizeHttpRequests(requests -> requests
                        // a request that failed is answered as it failed (a 500 stays a 500), not refused again
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers("/api/admin/**").hasRole(NewsroomAccounts.ADMIN)
                        .requestMatchers(HttpMethod.GET, "/actuator/metrics", "/actuator/metrics/**",
                                "/actuator/prometheus")
                        .hasRole(NewsroomAccounts.ADMIN)
                        .requestMatchers("/api/audit/**", "/audit/**")
                        .hasAnyRole(NewsroomAccounts.AUDITOR, NewsroomAccounts.ADMIN)
                        .requestMatchers(HttpMethod.GET, PUBLIC_READS).permitAll()
                        // the same answers without their bodies (RFC 9110), as CDNs and link checkers ask
                        .requestMatchers(HttpMethod.HEAD, PUBLIC_READS).permitAll()
                        .anyRequest().denyAll())
                .build();
    }
}
