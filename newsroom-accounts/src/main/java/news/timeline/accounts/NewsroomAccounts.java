package news.timeline.accounts;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * The newsroom's accounts, from configuration ({@code timeline.security.users}, demo accounts in
 * {@code newsroom-accounts.yml}), for both services: editors, auditors, admins. Imported by each service.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NewsroomUsers.class)
public class NewsroomAccounts {

    public static final String EDITOR = "EDITOR";
    public static final String AUDITOR = "AUDITOR";
    public static final String ADMIN = "ADMIN";

    /**
     * Read-only: not a {@code UserDetailsPasswordService}, so Spring Security does not re-hash a configured password
     * at its own BCrypt cost after the first sign-in (and then pay that cost on every HTTP Basic request).
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
