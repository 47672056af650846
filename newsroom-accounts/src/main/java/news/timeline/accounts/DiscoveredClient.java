package news.timeline.accounts;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.util.function.SingletonSupplier;

/**
 * The auditors' pages as a client of the identity provider, its endpoints read from the issuer's discovery document
 * on the first sign-in rather than at start (a provider down at start does not keep the service down; a failed read
 * is tried again at the next sign-in).
 */
final class DiscoveredClient implements ClientRegistrationRepository {

    static final String REGISTRATION_ID = "newsroom";

    private final SingletonSupplier<ClientRegistration> registration;

    DiscoveredClient(String issuer, SignInClients clients) {
        this.registration = SingletonSupplier.of(() -> ClientRegistrations.fromIssuerLocation(issuer)
                .registrationId(REGISTRATION_ID)
                .clientId(clients.pagesClientId())
                .clientSecret(clients.pagesClientSecret())
                .scope(OidcScopes.OPENID, OidcScopes.PROFILE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .clientSettings(ClientRegistration.ClientSettings.builder().requireProofKey(true).build())
                .build());
    }

    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        return REGISTRATION_ID.equals(registrationId) ? registration.obtain() : null;
    }
}
