package news.timeline.query.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Readers are anonymous and may only read: the timeline, its updates and their public history, health. Nothing
 * else is served until the auditors' endpoints bring their own rules.
 */
@Configuration(proxyBeanMethods = false)
class ReaderSecurity {

    @Bean
    SecurityFilterChain readerAccess(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.GET, "/api/timelines/**", "/timelines/**", "/assets/**", "/demo/**",
                                "/actuator/health/**", "/actuator/info", "/error").permitAll()
                        .anyRequest().denyAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    /** No accounts yet: keeps Spring Boot from generating a default user and password. */
    @Bean
    UserDetailsService noAccounts() {
        return new InMemoryUserDetailsManager();
    }
}
