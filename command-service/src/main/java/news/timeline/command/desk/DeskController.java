package news.timeline.command.desk;

import org.springframework.core.env.Environment;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
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

    DeskController(Environment environment) {
        this.environment = environment;
    }

    @GetMapping({"/desk", "/desk/"})
    String desk() {
        return "forward:/desk/index.html";
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

    record SignedIn(String user, List<String> roles, String readerUrl) {
    }
}
