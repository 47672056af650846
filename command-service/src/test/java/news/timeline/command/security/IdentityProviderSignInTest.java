package news.timeline.command.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import news.timeline.command.CommandServiceTest;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Production sign-in: bearer JWTs from the newsroom's identity provider (here its public key; in production its
 * issuer URI), roles from a configurable claim, nested the way Keycloak nests them. Basic is off in this mode.
 */
@CommandServiceTest
@TestPropertySource(properties = {
        "spring.security.oauth2.resourceserver.jwt.public-key-location=classpath:jwt/staff-signing.pub",
        "timeline.security.jwt.roles-claim=realm_access.roles"})
class IdentityProviderSignInTest {

    @Autowired
    TestRestTemplate http;
    @Autowired
    EventStore eventStore;

    @Test
    void anEditorsTokenIssuesCommandsAndTheirNameIsTheActor() throws Exception {
        String tid = "t-" + UUID.randomUUID();

        assertThat(open(tid, token(signingKey(), "jane.doe", List.of("editor"), 300))).isEqualTo(201);

        assertThat(eventStore.readEvents(tid).asStream().map(event -> event.getMetaData().get("actor")))
                .containsExactly("jane.doe");
    }

    @Test
    void anyOtherBearerIsRefusedAndChangesNothing() throws Exception {
        PrivateKey ours = signingKey();
        PrivateKey someoneElses = KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate();

        assertThat(open("t-" + UUID.randomUUID(), token(ours, "ann.auditor", List.of("auditor"), 300))).isEqualTo(403);
        assertThat(open("t-" + UUID.randomUUID(), token(ours, "jane.doe", List.of("editor"), -60))).isEqualTo(401);
        assertThat(open("t-" + UUID.randomUUID(), token(someoneElses, "jane.doe", List.of("editor"), 300)))
                .isEqualTo(401);
        assertThat(open("t-" + UUID.randomUUID(), null)).isEqualTo(401);
        assertThat(http.withBasicAuth("editor", "editor").exchange("/api/timelines", HttpMethod.POST,
                request("t-" + UUID.randomUUID(), null), String.class).getStatusCode().value()).isEqualTo(401);
    }

    /** Keys without an issuer: nothing a browser could sign in with, and the desk says so rather than ask a password. */
    @Test
    void theDeskOffersNoPasswordSignIn() {
        assertThat(http.getForObject("/desk/sign-in", String.class)).isEqualTo("{\"password\":false}");
    }

    private int open(String tid, String token) {
        return http.exchange("/api/timelines", HttpMethod.POST, request(tid, token), String.class)
                .getStatusCode().value();
    }

    private static HttpEntity<String> request(String tid, String token) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (token != null) {
            headers.setBearerAuth(token);
        }
        return new HttpEntity<>("{\"id\":\"" + tid + "\",\"title\":\"By-election night\",\"summary\":\"Live\"}",
                headers);
    }

    private static String token(PrivateKey key, String username, List<String> roles, long validForSeconds)
            throws JOSEException {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(UUID.randomUUID().toString())
                .claim("preferred_username", username)
                .claim("realm_access", Map.of("roles", roles))
                .issueTime(Date.from(now.minusSeconds(120)))
                .expirationTime(Date.from(now.plusSeconds(validForSeconds)))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static PrivateKey signingKey() throws IOException, GeneralSecurityException {
        try (var pem = IdentityProviderSignInTest.class.getResourceAsStream("/jwt/staff-signing.key")) {
            String base64 = new String(pem.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getMimeDecoder()
                    .decode(base64)));
        }
    }
}
