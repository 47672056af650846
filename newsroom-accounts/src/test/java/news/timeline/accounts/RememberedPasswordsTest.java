package news.timeline.accounts;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Which checks pay the slow hash: the first of a right password, every wrong one, and the first after a while. */
class RememberedPasswordsTest {

    private final PasswordEncoder bcrypt = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private final String stored = bcrypt.encode("s3cret-password");
    private final AtomicInteger slowChecks = new AtomicInteger();
    private final PasswordEncoder counted = new PasswordEncoder() {
        @Override
        public String encode(CharSequence rawPassword) {
            return bcrypt.encode(rawPassword);
        }

        @Override
        public boolean matches(CharSequence rawPassword, String encodedPassword) {
            slowChecks.incrementAndGet();
            return bcrypt.matches(rawPassword, encodedPassword);
        }
    };
    private Instant now = Instant.parse("2026-11-28T05:00:00Z");
    private final RememberedPasswords passwords = new RememberedPasswords(counted, Duration.ofMinutes(5),
            new Clock() {
                @Override
                public ZoneOffset getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(java.time.ZoneId zone) {
                    return this;
                }

                @Override
                public Instant instant() {
                    return now;
                }
            });

    @Test
    void aRightPasswordIsCheckedSlowlyOnceAndThenRemembered() {
        for (int request = 0; request < 5; request++) {
            assertThat(passwords.matches("s3cret-password", stored)).isTrue();
        }
        assertThat(slowChecks).hasValue(1);
    }

    @Test
    void everyWrongPasswordPaysTheSlowCheckEvenAfterTheRightOne() {
        assertThat(passwords.matches("s3cret-password", stored)).isTrue();
        for (int guess = 0; guess < 3; guess++) {
            assertThat(passwords.matches("guess-" + guess, stored)).isFalse();
        }
        assertThat(passwords.matches("s3cret-passwordX", stored)).isFalse();
        assertThat(slowChecks).hasValue(5);
    }

    @Test
    void aRememberedPasswordIsCheckedSlowlyAgainOnceItsTimeIsUp() {
        assertThat(passwords.matches("s3cret-password", stored)).isTrue();
        now = now.plus(Duration.ofMinutes(4));
        assertThat(passwords.matches("s3cret-password", stored)).isTrue();
        assertThat(slowChecks).hasValue(1);

        now = now.plus(Duration.ofMinutes(2));
        assertThat(passwords.matches("s3cret-password", stored)).isTrue();
        assertThat(slowChecks).hasValue(2);
    }

    @Test
    void aPasswordIsRememberedForTheStoredHashItMatchedOnly() {
        String otherAccount = bcrypt.encode("another-password");
        assertThat(passwords.matches("s3cret-password", stored)).isTrue();

        assertThat(passwords.matches("s3cret-password", otherAccount)).isFalse();
        assertThat(slowChecks).hasValue(2);
    }
}
