package news.timeline.accounts;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a validated JWT into a signed-in staff member: the name (an event's actor) from the username claim, else
 * the subject; the roles from the roles claim, so {@code ["editor"]} grants {@code ROLE_EDITOR}.
 */
final class StaffToken implements Converter<Jwt, AbstractAuthenticationToken> {

    private final TokenClaims claims;

    StaffToken(TokenClaims claims) {
        this.claims = claims;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        String name = jwt.hasClaim(claims.usernameClaim()) ? jwt.getClaimAsString(claims.usernameClaim())
                : jwt.getSubject();
        return new JwtAuthenticationToken(jwt, roles(jwt), name);
    }

    private Collection<GrantedAuthority> roles(Jwt jwt) {
        Object value = jwt.getClaims();
        for (String step : claims.rolesClaim().split("\\.")) {
            value = value instanceof Map<?, ?> map ? map.get(step) : null;
        }
        Collection<?> roles = value instanceof Collection<?> list ? list
                : value instanceof String text ? List.of(text.split("[ ,]+")) : List.of();
        return roles.stream()
                .map(role -> (GrantedAuthority) new SimpleGrantedAuthority(
                        "ROLE_" + role.toString().toUpperCase(Locale.ROOT)))
                .toList();
    }
}
