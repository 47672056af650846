package news.timeline.accounts;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * How staff sign in to pages a browser opens (the auditors' pages): a session after a sign-in page, never the
 * browser's own password prompt. With the pages' client registered at the identity provider
 * ({@link SignInClients}), the provider's sign-in (authorization code with PKCE), the roles read from the access
 * token exactly as the API reads them; without one, a sign-in form against the configured accounts. Scripts may
 * still send HTTP Basic (or a bearer token) on each request, as they do to the API.
 */
public final class StaffPagesSignIn {

    private final ObjectProvider<ClientRegistrationRepository> identityProvider;
    private final ObjectProvider<JwtDecoder> tokens;
    private final TokenClaims claims;
    private final NewsroomSignIn apiSignIn;

    StaffPagesSignIn(ObjectProvider<ClientRegistrationRepository> identityProvider, ObjectProvider<JwtDecoder> tokens,
                     TokenClaims claims, NewsroomSignIn apiSignIn) {
        this.identityProvider = identityProvider;
        this.tokens = tokens;
        this.claims = claims;
        this.apiSignIn = apiSignIn;
    }

    /** Sign-in for the pages {@code http} is matched to; their own rules of access are the caller's. */
    public HttpSecurity applyTo(HttpSecurity http) throws Exception {
        ClientRegistrationRepository clients = identityProvider.getIfAvailable();
        if (clients != null) {
            http.oauth2Login(login -> login
                    .clientRegistrationRepository(clients)
                    .loginPage("/oauth2/authorization/" + DiscoveredClient.REGISTRATION_ID)
                    .userInfoEndpoint(userInfo -> userInfo.oidcUserService(staffMember())));
        } else {
            http.formLogin(Customizer.withDefaults());
        }
        return apiSignIn.credentialsOnEachRequest(http);
    }

    /** The provider's user, with the name and roles its access token gives (as {@link StaffToken} reads them). */
    private OAuth2UserService<OidcUserRequest, OidcUser> staffMember() {
        OidcUserService provider = new OidcUserService();
        StaffToken staff = new StaffToken(claims);
        return request -> {
            OidcUser user = provider.loadUser(request);
            var token = staff.convert(tokens.getObject().decode(request.getAccessToken().getTokenValue()));
            String nameClaim = user.getClaims().containsKey(claims.usernameClaim()) ? claims.usernameClaim() : "sub";
            return new DefaultOidcUser(token.getAuthorities(), user.getIdToken(), user.getUserInfo(), nameClaim);
        };
    }
}
