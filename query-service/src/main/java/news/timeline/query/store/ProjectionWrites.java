package news.timeline.query.store;

/**
 * How a {@link Projection} writes rows of its declared tables, each named by its key. Nothing here reads, so a
 * batch's writes can be held and sent together ({@link PendingWrites}) without a read missing one of them.
 */
public interface ProjectionWrites {

    /** Adds {@code row}; the columns it does not set are null. */
    void insert(Row row);

    /** Sets the columns {@code changes} sets, other than its key, on the row its key names (if there is one). */
    void update(Row changes);

    /** Removes the row of {@code table} with this key, if there is one. */
    void delete(Table table, Object... key);
}
