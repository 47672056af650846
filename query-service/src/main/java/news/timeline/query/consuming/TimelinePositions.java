package news.timeline.query.consuming;

import news.timeline.events.EventEnvelope;
import news.timeline.query.store.DeclaredTables;
import news.timeline.query.store.ProjectionJson;
import news.timeline.query.store.Table;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The last applied sequence of each timeline; -1 before its first event. */
@Repository
public class TimelinePositions implements DeclaredTables {

    public static final long NOTHING_APPLIED = -1;
    /** Timeline ids per query: well under any database's limit of parameters in one statement. */
    private static final int IDS_PER_QUERY = 1_000;

    static final Table TIMELINE_POSITION = Table.named("timeline_position")
            .text("timeline_id").int8("last_sequence").timestamp("last_occurred_at").key("timeline_id");

    private final JdbcTemplate jdbc;

    public TimelinePositions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Table> tables() {
        return List.of(TIMELINE_POSITION);
    }

    public long lastSequence(String timelineId) {
        return lastSequences(List.of(timelineId)).getOrDefault(timelineId, NOTHING_APPLIED);
    }

    /**
     * The last applied sequence of each of {@code timelineIds} that has one: one query for a batch of events, not
     * one per timeline in it.
     */
    Map<String, Long> lastSequences(Collection<String> timelineIds) {
        Map<String, Long> found = new HashMap<>();
        List<String> ids = List.copyOf(timelineIds);
        for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY));
            jdbc.query("SELECT timeline_id, last_sequence FROM timeline_position WHERE timeline_id IN ("
                            + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")",
                    (RowCallbackHandler) rs -> found.put(rs.getString(1), rs.getLong(2)), chunk.toArray());
        }
        return found;
    }

    /**
     * Counts {@code sequence} of the timeline as applied, without an event: an admin skipped the record that held it.
     * Only the next sequence moves the position; any other leaves it as it is.
     */
    void skip(String timelineId, long sequence) {
        int moved = jdbc.update("UPDATE timeline_position SET last_sequence = ? WHERE timeline_id = ?"
                + " AND last_sequence = ?", sequence, timelineId, sequence - 1);
        if (moved == 0 && sequence == 0 && lastSequence(timelineId) == NOTHING_APPLIED) {
            jdbc.update("INSERT INTO timeline_position (timeline_id, last_sequence) VALUES (?, 0)", timelineId);
        }
    }

    /**
     * Each timeline's last applied event: its sequence and when it occurred. {@code stored}: the timelines that had a
     * position already ({@link #lastSequences}); the others get theirs now. Two batches, whatever the number.
     */
    void save(Collection<EventEnvelope> lastEvents, Set<String> stored) {
        List<Object[]> updates = new ArrayList<>();
        List<Object[]> inserts = new ArrayList<>();
        for (EventEnvelope last : lastEvents) {
            OffsetDateTime occurredAt = ProjectionJson.timestamp(last.occurredAt());
            if (stored.contains(last.timelineId())) {
                updates.add(new Object[]{last.sequence(), occurredAt, last.timelineId()});
            } else {
                inserts.add(new Object[]{last.timelineId(), last.sequence(), occurredAt});
            }
        }
        jdbc.batchUpdate("UPDATE timeline_position SET last_sequence = ?, last_occurred_at = ? WHERE timeline_id = ?",
                updates);
        jdbc.batchUpdate("INSERT INTO timeline_position (timeline_id, last_sequence, last_occurred_at) VALUES (?, ?, ?)",
                inserts);
    }
}
