package news.timeline.query.consuming;

import org.postgresql.PGConnection;

import java.sql.Connection;
import java.sql.SQLException;

/** Which database a connection is on, where the projections' work differs: PostgreSQL, or H2. */
final class Databases {

    private Databases() {
    }

    static boolean postgres(Connection connection) throws SQLException {
        return connection.isWrapperFor(PGConnection.class);
    }
}
