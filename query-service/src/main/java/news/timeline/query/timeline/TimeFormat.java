package news.timeline.query.timeline;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * Times in one zone as a newsroom writes them: "14:32", "10 October 2014", and an update's time with its date when
 * that is not the day of the timeline's latest update: "22:00, 9 October 2014"; the zone's name for the page's
 * note of it ("British Time").
 */
public final class TimeFormat {

    private final ZoneId zone;
    private final DateTimeFormatter time;
    private final DateTimeFormatter date;

    TimeFormat(ZoneId zone) {
        this.zone = zone;
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

    /** The zone as readers know it: "British Time", "Eastern Time". */
    public String zoneName() {
        return zone.getDisplayName(TextStyle.FULL, Locale.UK);
    }

    public String zoneId() {
        return zone.getId();
    }
}
