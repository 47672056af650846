package news.timeline.command.security;

import news.timeline.accounts.NewsroomAccounts;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/** Editors sign in with HTTP Basic; every command needs the EDITOR or ADMIN role. */
@Configuration(proxyBeanMethods = false)
@Import(NewsroomAccounts.class)
class SecurityConfiguration {

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.GET, "/actuator/health/**", "/actuator/info").permitAll()
                        .requestMatchers("/api/**").hasAnyRole(NewsroomAccounts.EDITOR, NewsroomAccounts.ADMIN)
                        .anyRequest().hasRole(NewsroomAccounts.ADMIN))
                .httpBasic(Customizer.withDefaults())
                // stateless API with credentials on every request: no session cookie, so no CSRF to guard against
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }
}
