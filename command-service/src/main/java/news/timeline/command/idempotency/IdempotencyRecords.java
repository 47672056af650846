package news.timeline.command.idempotency;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/** The stored keys: claimed when a request starts, completed with its answer. */
@Repository
class IdempotencyRecords {

    /** A key's record; {@code status} is null while its first request is still in flight. */
    record Stored(String fingerprint, Integer status, String location, String etag, String body) {
    }

    private final JdbcTemplate jdbc;

    IdempotencyRecords(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** True if this request is the first with the key (it now owns it); false if the key was used before. */
    boolean claim(String principal, String key, String fingerprint, Instant now) {
        try {
            jdbc.update("""
                    INSERT INTO idempotency_record (principal, idempotency_key, fingerprint, created_at)
                    VALUES (?, ?, ?, ?)""", principal, key, fingerprint, now.atOffset(ZoneOffset.UTC));
            return true;
        } catch (DuplicateKeyException usedBefore) {
            return false;
        }
    }

    Optional<Stored> find(String principal, String key) {
        return jdbc.query("""
                SELECT fingerprint, status, location, etag, body FROM idempotency_record
                WHERE principal = ? AND idempotency_key = ?""",
                (rs, row) -> new Stored(rs.getString("fingerprint"), (Integer) rs.getObject("status"),
                        rs.getString("location"), rs.getString("etag"), rs.getString("body")),
                principal, key).stream().findFirst();
    }

    void complete(String principal, String key, int status, String location, String etag, String body) {
        jdbc.update("""
                UPDATE idempotency_record SET status = ?, location = ?, etag = ?, body = ?
                WHERE principal = ? AND idempotency_key = ?""", status, location, etag, body, principal, key);
    }

    /** Forgets a key whose request failed on our side, so that the client's retry is tried again. */
    void release(String principal, String key) {
        jdbc.update("DELETE FROM idempotency_record WHERE principal = ? AND idempotency_key = ?", principal, key);
    }

    int expireBefore(Instant cutoff) {
        return jdbc.update("DELETE FROM idempotency_record WHERE created_at < ?", cutoff.atOffset(ZoneOffset.UTC));
    }
}
