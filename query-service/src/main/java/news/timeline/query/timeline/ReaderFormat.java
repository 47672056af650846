package news.timeline.query.timeline;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Times as the newsroom's readers read them, in its time zone: "14:32", "10 October 2014", and an update's time with
 * its date when that is not the day of the timeline's latest update: "22:00, 9 October 2014".
 */
@Component("readerFormat")
public class ReaderFormat {

    private final DateTimeFormatter time;
    private final DateTimeFormatter date;

    ReaderFormat(@Value("${timeline.reader.zone:Europe/London}") ZoneId zone) {
        this.time = DateTimeFormatter.ofPattern("HH:mm", Locale.UK).withZone(zone);
        this.date = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK).withZone(zone);
    }

    public String time(Instant instant) {
        return instant == null ? "" : time.format(instant);
    }

    public String date(Instant instant) {
        return instant == null ? "" : date.format(instant);
    }

    /** {@code instant}'s time, and its date too when it is not the day of {@code latest} (null: the same day). */
    public String when(Instant instant, Instant latest) {
        if (instant == null || latest == null || date(instant).equals(date(latest))) {
            return time(instant);
        }
        return time(instant) + ", " + date(instant);
    }
}
