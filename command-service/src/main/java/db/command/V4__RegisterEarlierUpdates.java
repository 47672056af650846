package db.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import news.timeline.events.UpdateEdited;
import news.timeline.events.UpdatePosted;
import news.timeline.events.UpdateRetracted;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The update register ({@code timeline_update}, see {@code UpdateRegister}) filled from the update events stored
 * before it existed, read in the order they were stored, so that every earlier update can still be edited, retracted and
 * pinned. Only the events' ids and revisions are read, which every schema version of them has.
 */
public class V4__RegisterEarlierUpdates extends BaseJavaMigration {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        try (Statement events = connection.createStatement();
             PreparedStatement post = connection.prepareStatement(
                     "INSERT INTO timeline_update (timeline_id, update_id, revision, retracted) VALUES (?, ?, 1, FALSE)");
             PreparedStatement change = connection.prepareStatement(
                     "UPDATE timeline_update SET revision = ?, retracted = retracted OR ? "
                             + "WHERE timeline_id = ? AND update_id = ?");
             ResultSet rows = events.executeQuery("SELECT aggregate_identifier, payload_type, payload "
                     + "FROM domain_event_entry WHERE payload_type IN ('" + UpdatePosted.class.getName() + "', '"
                     + UpdateEdited.class.getName() + "', '" + UpdateRetracted.class.getName() + "') "
                     + "ORDER BY global_index")) {
            while (rows.next()) {
                String timelineId = rows.getString(1);
                JsonNode payload = JSON.readTree(rows.getBytes(3));
                String updateId = payload.path("updateId").asText();
                if (rows.getString(2).equals(UpdatePosted.class.getName())) {
                    post.setString(1, timelineId);
                    post.setString(2, updateId);
                    post.executeUpdate();
                } else {
                    change.setInt(1, payload.path("revision").asInt());
                    change.setBoolean(2, rows.getString(2).equals(UpdateRetracted.class.getName()));
                    change.setString(3, timelineId);
                    change.setString(4, updateId);
                    change.executeUpdate();
                }
            }
        }
    }
}
