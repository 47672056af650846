package news.timeline.command.desk;

import com.fasterxml.jackson.annotation.JsonInclude;
import news.timeline.accounts.SignInClients;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

import java.util.List;

/**
 * The editor desk: a page (static, in {@code static/desk}) that writes through this service's API and reads
 * timelines, updates and their live stream from the query service's public API.
 */
@Controller
class DeskController {

    static final String READER_URL = "timeline.desk.reader-url";

    private final Environment environment;
    private final SignInClients clients;
    private final ObjectProvider<JwtDecoder> identityProvider;

    DeskController(Environment environment, SignInClients clients, ObjectProvider<JwtDecoder> identityProvider) {
        this.environment = environment;
        this.clients = clients;
        this.identityProvider = identityProvider;
    }

    @GetMapping({"/desk", "/desk/"})
    String desk() {
        return "forward:/desk/index.html";
    }

    /**
     * How the desk signs in: through the identity provider that issues the API's bearer tokens (its issuer, the
     * desk's client id there) or, with none configured, with the newsroom's accounts' passwords.
     */
    @GetMapping("/desk/sign-in")
    @ResponseBody
    SignInMethod signInMethod() {
        boolean password = identityProvider.getIfAvailable() == null;
        String issuer = environment.getProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri", "");
        return password || issuer.isBlank() || clients.deskClientId().isEmpty() ? new SignInMethod(password, null, null)
                : new SignInMethod(false, issuer, clients.deskClientId());
    }

    /** Who is signed in, with which roles, and where the desk reads from; the desk's sign-in check. */
    @GetMapping("/api/me")
    @ResponseBody
    SignedIn me(Authentication authentication) {
        // read on each call: the embedded stack learns the query service's port only after this service started
        return new SignedIn(authentication.getName(), authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority).map(role -> role.replaceFirst("^ROLE_", "")).sorted().toList(),
                environment.getRequiredProperty(READER_URL));
    }

    /** {@code password}, or the provider's {@code issuer} and {@code clientId}; neither: the desk cannot sign in. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SignInMethod(boolean password, String issuer, String clientId) {
    }

    record SignedIn(String user, List<String> roles, String readerUrl) {
    }
}
