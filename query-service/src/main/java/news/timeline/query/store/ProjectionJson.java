package news.timeline.query.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import news.timeline.events.Block;
import news.timeline.events.EventJson;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** How projections keep content blocks (as the contract's JSON) and instants (as UTC timestamps) in columns. */
public final class ProjectionJson {

    private static final TypeReference<List<Block>> BLOCKS = new TypeReference<>() {
    };
    private static final ObjectWriter WRITER = EventJson.mapper().writerFor(BLOCKS);
    private static final ObjectReader READER = EventJson.mapper().readerFor(BLOCKS);

    private ProjectionJson() {
    }

    public static Utf8Text blocks(List<Block> blocks) {
        try {
            return new Utf8Text(WRITER.writeValueAsBytes(blocks));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write blocks", e);
        }
    }

    public static List<Block> blocks(String json) {
        if (json == null) {
            return null;
        }
        try {
            return READER.readValue(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored blocks are not readable", e);
        }
    }

    /**
     * {@code instant} in UTC. Not {@code Instant.atOffset}, which builds the offset's rules anew for every instant:
     * a projection converts one or two per event.
     */
    public static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : OffsetDateTime.of(
                LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC), ZoneOffset.UTC);
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
