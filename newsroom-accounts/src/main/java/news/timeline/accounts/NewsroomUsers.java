package news.timeline.accounts;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;

/** The accounts allowed in, from configuration; passwords as encoded hashes, e.g. {@code {bcrypt}$2a$...}. */
@ConfigurationProperties("timeline.security")
public record NewsroomUsers(List<Account> users) {

    public NewsroomUsers {
        users = users == null ? List.of() : List.copyOf(users);
    }

    public record Account(String username, String password, List<String> roles) {
    }
}
