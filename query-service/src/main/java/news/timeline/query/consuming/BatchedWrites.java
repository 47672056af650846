package news.timeline.query.consuming;

import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The projections' writes for one batch of events, sent to the database together when the batch is done instead
 * of one round trip per statement. Projections only write, each statement touches one table, and nothing orders
 * writes across tables; so the writes are sent table by table, in the order they were made, and each run of the
 * same statement as one JDBC batch.
 */
class BatchedWrites extends JdbcTemplate {

    private static final Pattern TABLE = Pattern.compile("^\\s*(?:INSERT\\s+INTO|UPDATE|DELETE\\s+FROM)\\s+(\\w+)",
            Pattern.CASE_INSENSITIVE);

    private final Map<String, List<Write>> pending = new LinkedHashMap<>();

    private record Write(String sql, Object[] arguments) {
    }

    BatchedWrites(DataSource dataSource) {
        super(dataSource);
    }

    /** Held until {@link #flush()}; the count it answers means nothing. */
    @Override
    public int update(String sql, Object... arguments) {
        pending.computeIfAbsent(table(sql), table -> new ArrayList<>()).add(new Write(sql, arguments));
        return 1;
    }

    /** Sends what was held, in the transaction of the caller. */
    void flush() {
        try {
            for (List<Write> writes : pending.values()) {
                int start = 0;
                for (int i = 1; i <= writes.size(); i++) {
                    if (i == writes.size() || !writes.get(i).sql().equals(writes.get(start).sql())) {
                        batchUpdate(writes.get(start).sql(),
                                writes.subList(start, i).stream().map(Write::arguments).toList());
                        start = i;
                    }
                }
            }
        } finally {
            pending.clear();
        }
    }

    /** Forgets what was held: the batch's transaction rolled back. */
    void discard() {
        pending.clear();
    }

    private static String table(String sql) {
        Matcher matcher = TABLE.matcher(sql);
        if (!matcher.find()) {
            throw new IllegalArgumentException("a projection may only insert, update or delete: " + sql);
        }
        return matcher.group(1).toLowerCase(Locale.ROOT);
    }
}
