package news.timeline.query.rebuild;

import news.timeline.query.store.Table;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fingerprint of the projection tables: SHA-256 over every row of every declared table in key order, and the row
 * count of each. Two projections built from the same events have the same one.
 */
public record ProjectionChecksum(String sha256, Map<String, Long> rows) {

    /** The checksum of {@code tables} in {@code schema} (null: the connection's own). */
    static ProjectionChecksum of(JdbcTemplate jdbc, String schema, List<Table> tables) {
        MessageDigest digest = newDigest();
        Map<String, Long> rows = new LinkedHashMap<>();
        for (Table table : tables) {
            long[] count = {0};
            jdbc.query("SELECT " + table.columnList() + " FROM " + qualified(schema, table.name()) + " ORDER BY "
                    + String.join(", ", table.key()), (RowCallbackHandler) rs -> {
                int columns = rs.getMetaData().getColumnCount();
                for (int column = 1; column <= columns; column++) {
                    String value = rs.getString(column);
                    digest.update(value == null ? new byte[]{0} : value.getBytes(StandardCharsets.UTF_8));
                    digest.update((byte) 31);
                }
                digest.update((byte) 30);
                count[0]++;
            });
            digest.update(table.name().getBytes(StandardCharsets.UTF_8));
            rows.put(table.name(), count[0]);
        }
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
