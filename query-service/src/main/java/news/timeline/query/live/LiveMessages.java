package news.timeline.query.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import news.timeline.query.timeline.ArticleRenderer;
import news.timeline.query.timeline.TimelineReader;
import news.timeline.query.timeline.UpdateView;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns applied events into what readers are pushed: the event's kind and sequence, and the update as readers see
 * it now, as the page's rendered article. Built from the projection, never from the event itself, so a
 * retraction's reason or a retracted text can never reach a reader.
 */
@Component
class LiveMessages {

    private static final Map<String, String> EVENT_NAMES = Map.of(
            "UpdatePosted", "posted",
            "UpdateEdited", "edited",
            "UpdateRetracted", "retracted",
            "UpdateErased", "erased",
            "UpdatePinned", "pinned",
            "UpdateUnpinned", "unpinned");

    /** Template indentation, sent a hundred thousand times a second on a big night. */
    private static final Pattern BETWEEN_TAGS = Pattern.compile(">\\s+<");

    private final TimelineReader reader;
    private final ArticleRenderer renderer;
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    LiveMessages(TimelineReader reader, ArticleRenderer renderer, JdbcTemplate jdbc, ObjectMapper json) {
        this.reader = reader;
        this.renderer = renderer;
        this.json = json;
        this.jdbc = jdbc;
    }

    /** The message for one event, or empty for events readers are not pushed (a timeline's opening). */
    Optional<LiveMessage> of(String timelineId, long sequence, String type, String updateId) {
        String event = EVENT_NAMES.get(type);
        if (event == null) {
            return Optional.empty();
        }
        return reader.update(timelineId, updateId).map(update -> message(timelineId, sequence, type, event, update));
    }

    /**
     * The messages of the events after {@code sequence}, in order, to catch up a reader who reconnects. The events
     * are read first and rendered after: rendering reads the projection, and doing that for each row while the
     * events' query held its connection needed two connections per reconnecting reader, which a burst of
     * reconnects (a deploy, a network blip) turned into a pool where every connection waited for another.
     */
    List<LiveMessage> after(String timelineId, long sequence) {
        record Missed(long sequence, String type, String updateId) {
        }
        return jdbc.query("""
                SELECT sequence, type, update_id FROM audit_entry
                WHERE timeline_id = ? AND sequence > ? ORDER BY sequence""",
                (rs, row) -> new Missed(rs.getLong("sequence"), rs.getString("type"), rs.getString("update_id")),
                timelineId, sequence).stream()
                .flatMap(missed -> of(timelineId, missed.sequence(), missed.type(), missed.updateId()).stream())
                .toList();
    }

    /** The update's id and its article as rendered now: what the page needs to place it. */
    private LiveMessage message(String timelineId, long sequence, String type, String event, UpdateView update) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("type", event);
        data.put("sequence", sequence);
        data.put("updateId", update.id());
        data.put("pinned", update.pinned());
        data.put("html", BETWEEN_TAGS.matcher(renderer.render(timelineId, update)).replaceAll("> <").strip());
        try {
            return LiveMessage.of(sequence, type, event, update.id(), update.pinned(), json.writeValueAsString(data));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
