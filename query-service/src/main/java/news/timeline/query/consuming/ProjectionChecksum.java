package news.timeline.query.consuming;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A fingerprint of the projection tables: SHA-256 over every row of every table in primary-key order, and the row
 * count of each. Two projections built from the same events have the same one.
 */
public record ProjectionChecksum(String sha256, Map<String, Long> rows) {

    /** Each table and the order its rows are read in. */
    static final Map<String, String> TABLES = tables();

    private static Map<String, String> tables() {
        Map<String, String> tables = new LinkedHashMap<>();
        tables.put("timeline", "timeline_id");
        tables.put("timeline_update", "timeline_id, update_id");
        tables.put("audit_entry", "timeline_id, sequence");
        tables.put("timeline_position", "timeline_id");
        tables.put("consumed_offset", "topic, partition_no");
        return Collections.unmodifiableMap(tables);
    }

    /** The checksum of the tables in {@code schema} (null: the connection's own). */
    static ProjectionChecksum of(JdbcTemplate jdbc, String schema) {
        MessageDigest digest = newDigest();
        Map<String, Long> rows = new LinkedHashMap<>();
        TABLES.forEach((table, order) -> {
            long[] count = {0};
            jdbc.query("SELECT * FROM " + qualified(schema, table) + " ORDER BY " + order, (RowCallbackHandler) rs -> {
                int columns = rs.getMetaData().getColumnCount();
                for (int column = 1; column <= columns; column++) {
                    String value = rs.getString(column);
                    digest.update(value == null ? new byte[]{0} : value.getBytes(StandardCharsets.UTF_8));
                    digest.update((byte) 31);
                }
                digest.update((byte) 30);
                count[0]++;
            });
            digest.update(table.getBytes(StandardCharsets.UTF_8));
            rows.put(table, count[0]);
        });
        return new ProjectionChecksum(HexFormat.of().formatHex(digest.digest()), rows);
    }

    static String qualified(String schema, String table) {
        return schema == null ? table : "\"" + schema + "\"." + table;
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
