package news.timeline.query.store;

import org.springframework.jdbc.core.SqlTypeValue;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * A text column's value that is UTF-8 already (an event's JSON as it arrived): {@code COPY} sends its bytes as they
 * are, a JDBC statement gets it as a string.
 */
public final class Utf8Text implements SqlTypeValue {

    private final byte[] bytes;

    public Utf8Text(byte[] bytes) {
        this.bytes = bytes;
    }

    byte[] bytes() {
        return bytes;
    }

    @Override
    public void setTypeValue(PreparedStatement statement, int index, int sqlType, String typeName)
            throws SQLException {
        statement.setString(index, toString());
    }

    @Override
    public String toString() {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
