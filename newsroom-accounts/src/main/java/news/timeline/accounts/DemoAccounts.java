package news.timeline.accounts;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.util.List;

/**
 * An account whose password is its own name is a demo account: fine on a laptop, with a warning at every start;
 * the {@code production} profile refuses to start with one.
 */
public final class DemoAccounts {

    public static final String PRODUCTION = "production";
    private static final Logger log = LoggerFactory.getLogger(DemoAccounts.class);

    private DemoAccounts() {
    }

    static void check(NewsroomUsers users, PasswordEncoder passwords, Environment environment) {
        List<String> demo = users.users().stream()
                .filter(user -> passwords.matches(user.username(), user.password()))
                .map(NewsroomUsers.Account::username)
                .toList();
        if (demo.isEmpty()) {
            return;
        }
        if (environment.acceptsProfiles(Profiles.of(PRODUCTION))) {
            throw new IllegalStateException("refusing to start in production with demo accounts " + demo
                    + " (password = user name); configure timeline.security.users");
        }
        log.warn("DEMO ACCOUNTS in use ({}; password = user name): for a laptop only", String.join(", ", demo));
    }
}
