package news.timeline.query.store;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * The types a projection column can have, each with the Java values it takes and the form PostgreSQL's binary COPY
 * writes it in ({@link BinaryCopy}).
 */
public enum ColumnType {
    INT4(Integer.class), INT8(Long.class, Integer.class), BOOL(Boolean.class), TEXT(String.class, Utf8Text.class),
    TIMESTAMPTZ(OffsetDateTime.class);

    private final List<Class<?>> values;

    ColumnType(Class<?>... values) {
        this.values = List.of(values);
    }

    /** Whether {@code value} can be written into such a column as it is. */
    boolean takes(Object value) {
        return value == null || values.contains(value.getClass());
    }

    /** The value as the column keeps it: an INT8 is a {@code Long}, whichever number it was given as. */
    Object normalized(Object value) {
        return this == INT8 && value instanceof Integer number ? Long.valueOf(number) : value;
    }
}
