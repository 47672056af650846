package news.timeline.query.timeline;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * Where a page of the list of timelines ended: the last one's change time and id, the key the list is ordered by.
 * Opaque to clients ({@code after} in the {@code next} link), so its form may change.
 */
record TimelineListCursor(Instant updatedAt, String timelineId) {

    static TimelineListCursor after(TimelineSummary last) {
        return new TimelineListCursor(last.updatedAt(), last.id());
    }

    String token() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((updatedAt + "\n" + timelineId).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a token names; {@link IllegalArgumentException} when it is not one this list gave out. */
    static TimelineListCursor parse(String token) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\n", 2);
            if (parts.length != 2) {
                throw new IllegalArgumentException("not a cursor of the list of timelines: " + token);
            }
            return new TimelineListCursor(Instant.parse(parts[0]), parts[1]);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a cursor of the list of timelines: " + token, e);
        }
    }
}
