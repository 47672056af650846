package news.timeline.accounts;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The clients registered for this newsroom at its OpenID Connect provider (whose issuer is the one bearer tokens are
 * checked against): the editor desk, a public client signing in from the browser (authorization code with PKCE);
 * the auditors' pages, a confidential client signing in on the server (authorization code with PKCE and a secret).
 * Blank: that sign-in is not offered.
 */
@ConfigurationProperties("timeline.security.oidc")
public record SignInClients(String deskClientId, String pagesClientId, String pagesClientSecret) {

    public SignInClients {
        deskClientId = deskClientId == null ? "" : deskClientId.strip();
        pagesClientId = pagesClientId == null ? "" : pagesClientId.strip();
        pagesClientSecret = pagesClientSecret == null ? "" : pagesClientSecret;
    }
}
