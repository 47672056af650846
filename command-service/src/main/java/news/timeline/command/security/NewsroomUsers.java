package news.timeline.command.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;

/** The accounts allowed in, from configuration; passwords as encoded hashes, e.g. {@code {bcrypt}$2a$...}. */
@ConfigurationProperties("timeline.security")
record NewsroomUsers(List<Account> users) {

    NewsroomUsers {
        users = users == null ? List.of() : List.copyOf(users);
    }

    record Account(String username, String password, List<String> roles) {
    }
}
