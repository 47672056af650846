package news.timeline.command.security;

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
 * Every command needs the EDITOR or ADMIN role, the admin operations (republishing) ADMIN; how staff sign in is
 * {@link NewsroomSignIn}'s business.
 */
@Configuration(proxyBeanMethods = false)
@Import(NewsroomAccounts.class)
public class SecurityConfiguration {

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, NewsroomSignIn signIn) throws Exception {
        return signIn.applyTo(http)
                .authorizeHttpRequests(requests -> requests
                        // a request that failed is answered as it failed (a 500 stays a 500), not refused again
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        // the desk's page and scripts hold no data: it signs in to the API like any client; the API's
                        // description is public, as its README is
                        .requestMatchers(HttpMethod.GET, "/actuator/health/**", "/actuator/info", "/desk", "/desk/**",
                                "/webjars/**", "/v3/api-docs", "/v3/api-docs/**").permitAll()
                        .requestMatchers("/api/admin/**").hasRole(NewsroomAccounts.ADMIN)
                        .requestMatchers("/api/**").hasAnyRole(NewsroomAccounts.EDITOR, NewsroomAccounts.ADMIN)
                        .anyRequest().hasRole(NewsroomAccounts.ADMIN))
                .build();
    }
}
