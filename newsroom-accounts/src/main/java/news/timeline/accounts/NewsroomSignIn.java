package news.timeline.accounts;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * How staff sign in to either service. With an identity provider configured
 * ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri}, {@code jwk-set-uri} or {@code public-key-location})
 * each request carries a bearer JWT and the configured accounts play no part; without one, HTTP Basic against the
 * configured accounts, where demo accounts get a warning (and are refused in production). Stateless either way:
 * credentials on every request and no session cookie, so there is no CSRF to guard against.
 */
public final class NewsroomSignIn {

    private final ObjectProvider<JwtDecoder> identityProvider;
    private final TokenClaims claims;
    private final NewsroomUsers users;
    private final PasswordEncoder passwords;
    private final Environment environment;

    NewsroomSignIn(ObjectProvider<JwtDecoder> identityProvider, TokenClaims claims, NewsroomUsers users,
                   PasswordEncoder passwords, Environment environment) {
        this.identityProvider = identityProvider;
        this.claims = claims;
        this.users = users;
        this.passwords = passwords;
        this.environment = environment;
    }

    public HttpSecurity applyTo(HttpSecurity http) throws Exception {
        JwtDecoder decoder = identityProvider.getIfAvailable();
        if (decoder != null) {
            http.oauth2ResourceServer(server -> server.jwt(jwt -> jwt
                    .decoder(decoder)
                    .jwtAuthenticationConverter(new StaffToken(claims))));
        } else {
            DemoAccounts.check(users, passwords, environment);
            http.httpBasic(Customizer.withDefaults());
        }
        return http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
    }
}
