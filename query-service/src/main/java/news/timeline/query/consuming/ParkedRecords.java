package news.timeline.query.consuming;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Records of timelines that wait for an admin: the first one could not be read, the later ones of its timeline
 * came after it. Written in the transaction that applies the rest of their batch.
 */
@Repository
public class ParkedRecords {

    /** A record as it came from the topic, with the timeline it is keyed by. */
    public record Parked(String timelineId, int partition, long offset, String reason, @JsonIgnore byte[] value,
                         Instant parkedAt) {

        /** The record as text, as far as it is text: what an admin reads to decide. */
        @JsonProperty("record")
        public String text() {
            String text = new String(value, StandardCharsets.UTF_8);
            return text.length() > 2_000 ? text.substring(0, 2_000) + "…" : text;
        }
    }

    /** One timeline's waiting records: how many, and why the first one waits. */
    public record Waiting(String timelineId, int records, Parked first) {
    }

    private final JdbcTemplate jdbc;
    /** What {@link #waiting()} last read: health and metrics look here, not at a database that may be away. */
    private volatile List<Waiting> lastRead;

    ParkedRecords(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The waiting timelines as last read (read now the first time): asks no database once read. */
    List<Waiting> lastRead() {
        List<Waiting> read = lastRead;
        return read != null ? read : waiting();
    }

    void park(Parked record) {
        jdbc.update("INSERT INTO parked_record (timeline_id, kafka_partition, kafka_offset, reason, record, parked_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)", record.timelineId(), record.partition(), record.offset(),
                record.reason(), record.value(), OffsetDateTime.ofInstant(record.parkedAt(), ZoneOffset.UTC));
    }

    /**
     * The timelines with records waiting, as last read: the consumer is the only writer, and reads them again after
     * each change it commits and whenever it is given partitions, so no batch has to ask the database.
     */
    Set<String> waitingTimelines() {
        return lastRead().stream().map(Waiting::timelineId).collect(Collectors.toSet());
    }

    /** Every timeline with records waiting, the first of each. */
    public List<Waiting> waiting() {
        Map<String, List<Parked>> byTimeline = new LinkedHashMap<>();
        jdbc.query("SELECT * FROM parked_record ORDER BY timeline_id, kafka_partition, kafka_offset",
                (RowCallbackHandler) rs -> byTimeline.computeIfAbsent(rs.getString("timeline_id"),
                        id -> new ArrayList<>()).add(parked(rs)));
        List<Waiting> read = byTimeline.entrySet().stream()
                .map(entry -> new Waiting(entry.getKey(), entry.getValue().size(), entry.getValue().get(0)))
                .toList();
        lastRead = read;
        return read;
    }

    /** How many records wait, over all timelines, as last read. */
    long count() {
        return lastRead().stream().mapToLong(Waiting::records).sum();
    }

    /** Takes the timeline's waiting records out, in the order they came. */
    List<Parked> take(String timelineId) {
        List<Parked> records = jdbc.query("SELECT * FROM parked_record WHERE timeline_id = ?"
                + " ORDER BY kafka_partition, kafka_offset", (rs, n) -> parked(rs), timelineId);
        jdbc.update("DELETE FROM parked_record WHERE timeline_id = ?", timelineId);
        return records;
    }

    /** Keeps a record an admin skipped, with who skipped it, when and why. */
    void skipped(Parked record, String admin, String reason, Instant at) {
        jdbc.update("INSERT INTO skipped_record (timeline_id, kafka_partition, kafka_offset, parked_reason, record,"
                        + " skipped_by, skip_reason, skipped_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                record.timelineId(), record.partition(), record.offset(), record.reason(), record.value(), admin,
                reason, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
    }

    private static Parked parked(ResultSet rs) throws SQLException {
        return new Parked(rs.getString("timeline_id"), rs.getInt("kafka_partition"), rs.getLong("kafka_offset"),
                rs.getString("reason"), rs.getBytes("record"),
                rs.getObject("parked_at", OffsetDateTime.class).toInstant());
    }
}
