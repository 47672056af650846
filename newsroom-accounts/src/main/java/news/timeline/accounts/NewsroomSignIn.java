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
 * configured accounts, where demo accounts get a warning (and are refused in production). Pages a browser opens sign
 * in with a session: {@link StaffPagesSignIn}.
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

    /** Sign-in for the API: credentials on each request, no session and so no CSRF to guard against. */
    public HttpSecurity applyTo(HttpSecurity http) throws Exception {
        return credentialsOnEachRequest(http)
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
    }

    HttpSecurity credentialsOnEachRequest(HttpSecurity http) throws Exception {
        JwtDecoder decoder = identityProvider.getIfAvailable();
        if (decoder != null) {
            return http.oauth2ResourceServer(server -> server.jwt(jwt -> jwt
                    .decoder(decoder)
                    .jwtAuthenticationConverter(new StaffToken(claims))));
        }
        DemoAccounts.check(users, passwords, environment);
        return http.httpBasic(Customizer.withDefaults());
    }
}
