package news.timeline.query.consuming;

import news.timeline.events.EventEnvelope;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A read model built from events. {@link #apply} runs inside the transaction that also records the event's
 * offset and its timeline's position, and only for the next event of its timeline: never twice, never skipping.
 * {@code json} is the event exactly as it arrived, fields this reader does not know included.
 *
 * <p>Writes go through the given {@code JdbcTemplate}'s {@code update} only, and are sent when the batch is done
 * ({@link BatchedWrites}), a table's inserts ahead of its other writes: so a projection inserts a row before it
 * updates or deletes it, and never changes a row that an insert of the same batch could then make.
 */
public interface Projection {

    void apply(EventEnvelope event, byte[] json);

    /** The same projection writing through another {@code JdbcTemplate}: how a rebuild fills fresh tables. */
    Projection into(JdbcTemplate jdbc);
}
