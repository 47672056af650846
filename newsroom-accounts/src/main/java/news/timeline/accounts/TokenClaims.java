package news.timeline.accounts;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where a JWT from the newsroom's identity provider says who the bearer is and which roles they hold. The roles
 * claim may be a path into nested claims, e.g. {@code realm_access.roles} for Keycloak.
 */
@ConfigurationProperties("timeline.security.jwt")
public record TokenClaims(String rolesClaim, String usernameClaim) {

    public TokenClaims {
        rolesClaim = rolesClaim == null || rolesClaim.isBlank() ? "roles" : rolesClaim;
        usernameClaim = usernameClaim == null || usernameClaim.isBlank() ? "preferred_username" : usernameClaim;
    }
}
