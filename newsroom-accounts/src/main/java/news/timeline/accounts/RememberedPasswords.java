package news.timeline.accounts;

import org.springframework.security.crypto.password.PasswordEncoder;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A password encoder that remembers, for a while, which password last matched each stored hash, so that a client
 * sending the same HTTP Basic credentials on every request pays the slow hash (BCrypt: 1 ms of CPU at the demo
 * accounts' cost of 4, some 80 ms at the usual 10) once per {@code remember} rather than on every command, as
 * Elasticsearch's realms do with their user cache. What is kept is an HMAC of the password under a key made at
 * start and never stored, beside the stored hash it matched: one entry per account. A password that did not match
 * is never remembered, so every wrong guess still costs the slow hash.
 */
final class RememberedPasswords implements PasswordEncoder {

    private final PasswordEncoder slow;
    private final Duration remember;
    private final Clock clock;
    private final SecretKeySpec key;
    private final Map<String, Remembered> matched = new ConcurrentHashMap<>();

    RememberedPasswords(PasswordEncoder slow, Duration remember, Clock clock) {
        this.slow = slow;
        this.remember = remember;
        this.clock = clock;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        if (rawPassword == null || encodedPassword == null) {
            return slow.matches(rawPassword, encodedPassword);
        }
        byte[] presented = mac(rawPassword);
        Remembered last = matched.get(encodedPassword);
        Instant now = clock.instant();
        if (last != null && now.isBefore(last.until()) && MessageDigest.isEqual(last.mac(), presented)) {
            return true;
        }
        boolean matches = slow.matches(rawPassword, encodedPassword);
        if (matches) {
            matched.put(encodedPassword, new Remembered(presented, now.plus(remember)));
        }
        return matches;
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return slow.encode(rawPassword);
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return slow.upgradeEncoding(encodedPassword);
    }

    private byte[] mac(CharSequence password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(password.toString().getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private record Remembered(byte[] mac, Instant until) {
    }
}
