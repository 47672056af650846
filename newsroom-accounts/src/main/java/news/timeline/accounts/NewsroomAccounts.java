package news.timeline.accounts;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import java.time.Clock;
import java.time.Duration;

/**
 * The newsroom's staff, for both services: editors, contributors, auditors, legal officers, admins. Accounts from configuration
 * ({@code timeline.security.users}, demo accounts in {@code newsroom-accounts.yml}) or, in production, an identity
 * provider's JWTs; see {@link NewsroomSignIn}. Imported by each service.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({NewsroomUsers.class, TokenClaims.class, SignInClients.class})
public class NewsroomAccounts {

    public static final String EDITOR = "EDITOR";
    /** Files drafts for an editor to publish; publishes nothing. */
    public static final String CONTRIBUTOR = "CONTRIBUTOR";
    public static final String AUDITOR = "AUDITOR";
    /** Requests and approves legal erasures (two different people: one asks, another approves). */
    public static final String LEGAL = "LEGAL";
    public static final String ADMIN = "ADMIN";

    /**
     * Read-only: not a {@code UserDetailsPasswordService}, so Spring Security does not re-hash a configured password
     * at its own BCrypt cost after the first sign-in (and then pay that cost on every HTTP Basic request).
     */
    @Bean
    UserDetailsService users(NewsroomUsers users) {
        InMemoryUserDetailsManager accounts = new InMemoryUserDetailsManager(users.users().stream()
                .map(user -> User.withUsername(user.username())
                        .password(user.password())
                        .roles(user.roles().toArray(String[]::new))
                        .build())
                .toList());
        return accounts::loadUserByUsername;
    }

    @Bean
    NewsroomSignIn newsroomSignIn(ObjectProvider<JwtDecoder> identityProvider, TokenClaims claims, NewsroomUsers users,
                                  PasswordEncoder passwords, Environment environment) {
        return new NewsroomSignIn(identityProvider, claims, users, passwords, environment);
    }

    @Bean
    StaffPagesSignIn staffPagesSignIn(ObjectProvider<ClientRegistrationRepository> identityProvider,
                                      ObjectProvider<JwtDecoder> tokens, TokenClaims claims, NewsroomSignIn apiSignIn) {
        return new StaffPagesSignIn(identityProvider, tokens, claims, apiSignIn);
    }

    /** The pages' client at the identity provider, when one is registered (and the provider is the tokens' issuer). */
    @Bean
    @ConditionalOnExpression("'${timeline.security.oidc.pages-client-id:}' != ''")
    ClientRegistrationRepository pagesClient(SignInClients clients,
                                             @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri:}") String issuer) {
        if (issuer.isBlank()) {
            throw new IllegalStateException("timeline.security.oidc.pages-client-id needs the identity provider's "
                    + "issuer: spring.security.oauth2.resourceserver.jwt.issuer-uri (OIDC_ISSUER_URI)");
        }
        return new DiscoveredClient(issuer, clients);
    }

    /** The stored hashes' own encoders ({@code {bcrypt}…}), a matched password remembered for a while. */
    @Bean
    PasswordEncoder passwordEncoder(@Value("${timeline.security.remember-passwords:5m}") Duration remember) {
        return new RememberedPasswords(PasswordEncoderFactories.createDelegatingPasswordEncoder(), remember,
                Clock.systemUTC());
    }
}
