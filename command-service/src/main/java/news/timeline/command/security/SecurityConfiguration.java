package news.timeline.command.security;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/** Editors sign in with HTTP Basic; every command needs the EDITOR or ADMIN role. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NewsroomUsers.class)
class SecurityConfiguration {

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.GET, "/actuator/health/**", "/actuator/info").permitAll()
                        .requestMatchers("/api/**").hasAnyRole("EDITOR", "ADMIN")
                        .anyRequest().hasRole("ADMIN"))
                .httpBasic(Customizer.withDefaults())
                // stateless API with credentials on every request: no session cookie, so no CSRF to guard against
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    /**
     * The configured accounts, read-only: not a {@code UserDetailsPasswordService}, so Spring Security does not
     * re-hash a configured password at its own BCrypt cost after the first sign-in (and then pay that cost on every
     * request, HTTP Basic checking the password each time).
     */
    @Bean
    UserDetailsService users(NewsroomUsers users, PasswordEncoder passwords, Environment environment) {
        DemoAccounts.check(users, passwords, environment);
        InMemoryUserDetailsManager accounts = new InMemoryUserDetailsManager(users.users().stream()
                .map(user -> User.withUsername(user.username())
                        .password(user.password())
                        .roles(user.roles().toArray(String[]::new))
                        .build())
                .toList());
        return accounts::loadUserByUsername;
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }
}
