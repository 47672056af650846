package news.timeline.command.security;

import jakarta.servlet.DispatcherType;
import news.timeline.accounts.NewsroomAccounts;
import news.timeline.accounts.NewsroomSignIn;
import news.timeline.command.web.Problems;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every command needs the EDITOR or ADMIN role, but for drafts, which contributors (CONTRIBUTOR) file and edit too
 * (publishing and rejecting them stays with editors); the admin operations (republishing) need ADMIN. How staff
 * sign in is {@link NewsroomSignIn}'s business. Moving a blog in (imports) is for admins; legal erasure for legal
 * officers (LEGAL), approved by a second one or an admin.
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
                        .requestMatchers("/api/admin/**", "/api/timelines/*/imports").hasRole(NewsroomAccounts.ADMIN)
                        // legal erasure: one legal officer asks, another (or an admin) approves
                        .requestMatchers(HttpMethod.POST, "/api/timelines/*/updates/*/erasure")
                        .hasRole(NewsroomAccounts.LEGAL)
                        .requestMatchers("/api/timelines/*/erasures", "/api/timelines/*/erasures/**")
                        .hasAnyRole(NewsroomAccounts.LEGAL, NewsroomAccounts.ADMIN)
                        .requestMatchers("/api/timelines/*/drafts/*/*")
                        .hasAnyRole(NewsroomAccounts.EDITOR, NewsroomAccounts.ADMIN)
                        // contributors file and edit drafts (their own: the timeline's rules), and publish nothing
                        .requestMatchers("/api/me", "/api/timelines/*/drafts", "/api/timelines/*/drafts/*").hasAnyRole(
                                NewsroomAccounts.EDITOR, NewsroomAccounts.CONTRIBUTOR, NewsroomAccounts.ADMIN)
                        .requestMatchers("/api/**").hasAnyRole(NewsroomAccounts.EDITOR, NewsroomAccounts.ADMIN)
                        .anyRequest().hasRole(NewsroomAccounts.ADMIN))
                // refused like any other request the API will not do: a problem document saying why
                .exceptionHandling(handling -> handling.accessDeniedHandler((request, response, denied) ->
                        Problems.write(response, HttpStatus.FORBIDDEN, "forbidden", "Not allowed",
                                "your role may not " + request.getMethod() + " " + request.getRequestURI())))
                .build();
    }
}
