package news.timeline.query.store;

import org.postgresql.PGConnection;

import java.sql.Connection;
import java.sql.SQLException;

/** Which database a connection is on, where the projections' work differs: PostgreSQL, or H2. */
public final class Databases {

    private Databases() {
    }

    public static boolean postgres(Connection connection) throws SQLException {
        return connection.isWrapperFor(PGConnection.class);
    }
}
