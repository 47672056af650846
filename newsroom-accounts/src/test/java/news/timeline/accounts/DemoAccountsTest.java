package news.timeline.accounts;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemoAccountsTest {

    private final PasswordEncoder passwords = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    @Test
    void productionRefusesAnAccountWhosePasswordIsItsName() {
        NewsroomUsers users = users("editor", "editor");
        MockEnvironment production = new MockEnvironment();
        production.setActiveProfiles("postgres", DemoAccounts.PRODUCTION);

        assertThatThrownBy(() -> DemoAccounts.check(users, passwords, production))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("[editor]");
    }

    @Test
    void aLaptopStartsWithThemAndProductionWithRealAccounts() {
        MockEnvironment production = new MockEnvironment();
        production.setActiveProfiles(DemoAccounts.PRODUCTION);

        assertThatCode(() -> DemoAccounts.check(users("editor", "editor"), passwords, new MockEnvironment()))
                .doesNotThrowAnyException();
        assertThatCode(() -> DemoAccounts.check(users("editor", "a long passphrase"), passwords, production))
                .doesNotThrowAnyException();
    }

    private NewsroomUsers users(String username, String password) {
        return new NewsroomUsers(List.of(new NewsroomUsers.Account(username, passwords.encode(password),
                List.of("EDITOR"))));
    }
}
