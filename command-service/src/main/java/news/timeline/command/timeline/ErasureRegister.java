package news.timeline.command.timeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import news.timeline.events.ErasureRequested;
import news.timeline.events.UpdateErased;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Each erasure asked for on a timeline and whether it was approved (table {@code timeline_erasure}): what the
 * two-person rule needs, and the legal desk's list. Like the {@link UpdateRegister} it follows the events, written in
 * the transaction of the command that applied them.
 */
public class ErasureRegister {

    private static final String SELECT = "SELECT erasure_id, update_id, requested_by, reason, legal_reference, "
            + "public_note, requested_at, approved_by, approved_at FROM timeline_erasure";

    private final JdbcTemplate jdbc;

    public ErasureRegister(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The erasure {@code erasureId} of this timeline, waiting for its approval. */
    PendingErasure pending(String timelineId, String erasureId) {
        List<Erasure> found = jdbc.query(SELECT + " WHERE timeline_id = ? AND erasure_id = ?", ErasureRegister::erasure,
                timelineId, erasureId);
        if (found.isEmpty()) {
            throw new UnknownErasureException(erasureId);
        }
        Erasure erasure = found.get(0);
        if (erasure.approvedBy() != null) {
            throw new ErasureApprovedException(erasureId);
        }
        return new PendingErasure(erasureId, erasure.updateId(), erasure.requestedBy(), erasure.reason(),
                erasure.legalReference(), erasure.publicNote());
    }

    void checkNonePending(String timelineId, String updateId) {
        if (!jdbc.queryForList("SELECT erasure_id FROM timeline_erasure WHERE timeline_id = ? AND update_id = ? "
                + "AND approved_by IS NULL", String.class, timelineId, updateId).isEmpty()) {
            throw new ErasurePendingException(updateId);
        }
    }

    /** The legal desk's list: every erasure of the timeline, the latest asked for first. */
    List<Erasure> all(String timelineId) {
        return jdbc.query(SELECT + " WHERE timeline_id = ? ORDER BY requested_at DESC, erasure_id",
                ErasureRegister::erasure, timelineId);
    }

    void record(Object event, String actor, Instant at) {
        OffsetDateTime time = at.atOffset(ZoneOffset.UTC);
        if (event instanceof ErasureRequested requested) {
            jdbc.update("INSERT INTO timeline_erasure (timeline_id, erasure_id, update_id, requested_by, reason, "
                            + "legal_reference, public_note, requested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    requested.timelineId(), requested.erasureId(), requested.updateId(), actor, requested.reason(),
                    requested.legalReference(), requested.publicNote(), time);
        } else if (event instanceof UpdateErased erased) {
            jdbc.update("UPDATE timeline_erasure SET approved_by = ?, approved_at = ? "
                    + "WHERE timeline_id = ? AND erasure_id = ?", actor, time, erased.timelineId(), erased.erasureId());
        }
    }

    private static Erasure erasure(ResultSet row, int n) throws SQLException {
        OffsetDateTime approvedAt = row.getObject(9, OffsetDateTime.class);
        return new Erasure(row.getString(1), row.getString(2), row.getString(3), row.getString(4), row.getString(5),
                row.getString(6), row.getObject(7, OffsetDateTime.class).toInstant(), row.getString(8),
                approvedAt == null ? null : approvedAt.toInstant());
    }

    /** One erasure as the legal desk lists it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Erasure(String erasureId, String updateId, String requestedBy, String reason, String legalReference,
                   String publicNote, Instant requestedAt, String approvedBy, Instant approvedAt) {
    }
}
