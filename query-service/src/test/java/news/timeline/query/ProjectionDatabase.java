package news.timeline.query;

import news.timeline.events.EventEnvelope;
import news.timeline.events.EventJson;
import news.timeline.query.consuming.AppliedEventsListener;
import news.timeline.query.consuming.EventApplier;
import news.timeline.query.history.HistoryProjection;
import news.timeline.query.timeline.TimelineProjection;
import news.timeline.query.timeline.TimelineReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The projections applied straight to a fresh in-memory database made by the service's own migrations, through the
 * same applier the consumer uses, each batch as one partition's records of a poll: a rule of a projection tested
 * without a broker or a Spring context.
 */
public final class ProjectionDatabase {

    private static final TopicPartition PARTITION = new TopicPartition("events", 0);

    private final JdbcTemplate jdbc;
    private final EventApplier applier;
    private final List<AppliedEventsListener> listeners = new CopyOnWriteArrayList<>();
    private long nextOffset;

    private ProjectionDatabase(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.applier = EventApplier.into(dataSource, List.of(new TimelineProjection(), new HistoryProjection()),
                applied -> listeners.forEach(listener -> listener.applied(applied)));
    }

    /** Told of each batch once it is committed, as the consumer tells its listeners. */
    public <T extends AppliedEventsListener> T listen(T listener) {
        listeners.add(listener);
        return listener;
    }

    public static ProjectionDatabase h2() {
        DataSource dataSource = new DriverManagerDataSource(
                "jdbc:h2:mem:projections-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/query").load().migrate();
        return new ProjectionDatabase(dataSource);
    }

    /** Applies {@code events} as one batch, as the consumer would on a poll that brought them together. */
    public ProjectionDatabase apply(List<EventEnvelope> events) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        for (EventEnvelope event : events) {
            records.add(new ConsumerRecord<>(PARTITION.topic(), PARTITION.partition(), nextOffset++,
                    event.timelineId(), EventJson.write(event)));
        }
        applier.apply(PARTITION, records);
        return this;
    }

    public TimelineReader reader() {
        return new TimelineReader(jdbc);
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }
}
