package news.timeline.accounts;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StaffTokenTest {

    @Test
    void rolesComeFromANestedClaimAndTheNameFromTheUsernameClaim() {
        AbstractAuthenticationToken staff = new StaffToken(new TokenClaims("realm_access.roles", null)).convert(jwt(Map.of(
                "preferred_username", "jane.doe",
                "realm_access", Map.of("roles", List.of("editor", "offline_access")))));

        assertThat(staff.getName()).isEqualTo("jane.doe");
        assertThat(staff.getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .containsExactly("ROLE_EDITOR", "ROLE_OFFLINE_ACCESS");
    }

    @Test
    void aSpaceSeparatedClaimIsReadAndTheSubjectNamesABearerWithoutAUsername() {
        AbstractAuthenticationToken staff = new StaffToken(new TokenClaims("groups", "email"))
                .convert(jwt(Map.of("groups", "AUDITOR admin")));

        assertThat(staff.getName()).isEqualTo("subject-1");
        assertThat(staff.getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .containsExactly("ROLE_AUDITOR", "ROLE_ADMIN");
    }

    @Test
    void noRolesClaimGrantsNothing() {
        assertThat(new StaffToken(new TokenClaims(null, null)).convert(jwt(Map.of("scope", "openid")))
                .getAuthorities()).isEmpty();
    }

    private static Jwt jwt(Map<String, Object> claims) {
        return Jwt.withTokenValue("token").header("alg", "RS256").subject("subject-1").claims(all -> all.putAll(claims))
                .issuedAt(Instant.now()).build();
    }
}
