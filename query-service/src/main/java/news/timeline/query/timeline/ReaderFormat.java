package news.timeline.query.timeline;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Times as readers read them: in the timeline's own time zone, or the newsroom's ({@code timeline.reader.zone}) for
 * a timeline without one. One {@link TimeFormat} per zone, made once.
 */
@Component("readerFormat")
public class ReaderFormat {

    private final ZoneId newsroom;
    private final Map<ZoneId, TimeFormat> formats = new ConcurrentHashMap<>();

    ReaderFormat(@Value("${timeline.reader.zone:Europe/London}") ZoneId newsroom) {
        this.newsroom = newsroom;
    }

    /** Times in {@code timeZone} (a timeline's own, IANA), or in the newsroom's when it is null. */
    public TimeFormat in(String timeZone) {
        return formats.computeIfAbsent(timeZone == null ? newsroom : ZoneId.of(timeZone), TimeFormat::new);
    }
}
