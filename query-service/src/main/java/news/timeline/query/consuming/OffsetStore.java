package news.timeline.query.consuming;

import news.timeline.query.store.DeclaredTables;
import news.timeline.query.store.Table;
import org.apache.kafka.common.TopicPartition;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.Optional;

/** The consumed offsets, kept in the projection's own database rather than in Kafka. */
@Repository
public class OffsetStore implements DeclaredTables {

    static final Table CONSUMED_OFFSET = Table.named("consumed_offset")
            .text("topic").int4("partition_no").int8("next_offset").key("topic", "partition_no");

    private final JdbcTemplate jdbc;

    OffsetStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Table> tables() {
        return List.of(CONSUMED_OFFSET);
    }

    public Optional<Long> nextOffset(TopicPartition partition) {
        List<Long> offsets = jdbc.queryForList(
                "SELECT next_offset FROM consumed_offset WHERE topic = ? AND partition_no = ?",
                Long.class, partition.topic(), partition.partition());
        return offsets.stream().findFirst();
    }

    void save(TopicPartition partition, long nextOffset) {
        int updated = jdbc.update("UPDATE consumed_offset SET next_offset = ? WHERE topic = ? AND partition_no = ?",
                nextOffset, partition.topic(), partition.partition());
        if (updated == 0) {
            jdbc.update("INSERT INTO consumed_offset (topic, partition_no, next_offset) VALUES (?, ?, ?)",
                    partition.topic(), partition.partition(), nextOffset);
        }
    }
}
