package news.timeline.command.eventstore;

import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.ReadEventDataWithGapsStatementBuilder;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;

/**
 * The relay's read of the events after its token and of the token's gaps (positions taken by transactions that had
 * not committed yet), as Axon asks it, but bounded to the positions it can return: from the lowest gap to the end of
 * the batch. Axon's own form ({@code index > ? AND index <= ? OR index IN (gaps)}) is one condition H2 cannot read
 * from the index, so every read scanned the whole event table; under concurrent commits there are nearly always gaps,
 * and the relay's reads took as much of the machine as the commands did, and more as the store grew.
 */
class BoundedGapsQuery implements ReadEventDataWithGapsStatementBuilder {

    @Override
    public PreparedStatement build(Connection connection, EventSchema schema, long globalIndex, int batchSize,
                                   List<Long> gaps) throws SQLException {
        String index = schema.globalIndexColumn();
        String sql = "SELECT " + schema.trackedEventFields() + " FROM " + schema.domainEventTable()
                + " WHERE " + index + " >= ? AND " + index + " <= ? AND (" + index + " > ? OR " + index + " IN ("
                + String.join(",", Collections.nCopies(gaps.size(), "?")) + ")) ORDER BY " + index + " ASC";
        PreparedStatement statement = connection.prepareStatement(sql);
        long end = globalIndex + batchSize;
        statement.setLong(1, Math.min(Collections.min(gaps), globalIndex + 1));
        statement.setLong(2, end);
        statement.setLong(3, globalIndex);
        for (int i = 0; i < gaps.size(); i++) {
            statement.setLong(i + 4, gaps.get(i));
        }
        return statement;
    }
}
