package news.timeline.query.store;

/** A column of a projection {@link Table}, by its name in the migrations (lower case) and its type. */
public record Column(String name, ColumnType type) {
}
