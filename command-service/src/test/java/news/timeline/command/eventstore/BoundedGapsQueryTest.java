package news.timeline.command.eventstore;

import news.timeline.command.CommandStoreDatabase;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.JdbcEventStorageEngineStatements;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The relay's bounded read of its gaps returns exactly the rows Axon's own query returns. */
class BoundedGapsQueryTest {

    private final EventSchema schema = new EventStoreConfiguration().eventSchema();
    private final Connection connection;

    BoundedGapsQueryTest() throws SQLException {
        connection = CommandStoreDatabase.migrated().getConnection();
        // positions 1 to 30, but for the gaps a slow transaction has not filled yet: 3, 7 and 12
        for (long index = 1; index <= 30; index++) {
            if (index != 3 && index != 7 && index != 12) {
                insert(index);
            }
        }
        insert(7); // one gap filled since the token was taken
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    @Test
    void returnsTheFilledGapsAndTheBatchAfterTheTokenAsAxonsOwnQueryDoes() throws SQLException {
        List<Long> gaps = List.of(3L, 7L, 12L);

        List<Long> bounded = indexes(new BoundedGapsQuery().build(connection, schema, 15, 5, gaps));

        assertThat(bounded).containsExactly(7L, 16L, 17L, 18L, 19L, 20L)
                .isEqualTo(indexes(JdbcEventStorageEngineStatements.readEventDataWithGaps(connection, schema, 15, 5,
                        gaps)));
    }

    @Test
    void aGapAfterTheLowestStillBoundsNothingAway() throws SQLException {
        List<Long> gaps = List.of(12L);

        assertThat(indexes(new BoundedGapsQuery().build(connection, schema, 28, 10, gaps)))
                .containsExactly(29L, 30L)
                .isEqualTo(indexes(JdbcEventStorageEngineStatements.readEventDataWithGaps(connection, schema, 28, 10,
                        gaps)));
    }

    private void insert(long index) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO domain_event_entry (global_index, "
                + "aggregate_identifier, sequence_number, type, event_identifier, payload, payload_type, time_stamp) "
                + "VALUES (?, 'timeline', ?, 'Timeline', ?, X'7B7D', 'UpdatePosted', '2026-12-03T00:00:00Z')")) {
            insert.setLong(1, index);
            insert.setLong(2, index);
            insert.setString(3, UUID.randomUUID().toString());
            insert.executeUpdate();
        }
    }

    private static List<Long> indexes(PreparedStatement statement) throws SQLException {
        List<Long> indexes = new ArrayList<>();
        try (statement; ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                indexes.add(rows.getLong("global_index"));
            }
        }
        return indexes;
    }
}
