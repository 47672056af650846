package news.timeline.query.timeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import news.timeline.query.consuming.AppliedSequences;
import news.timeline.query.rebuild.ProjectionsReplaced;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The first page of each timeline, in memory with its JSON bytes: what nearly every reader asks for. A cached page
 * is served while no newer event of its timeline has been applied; the first request after one reads the
 * database once and replaces it.
 */
@Component
public class FirstPages {

    public static final int DEFAULT_LIMIT = 20;

    /** A page and its JSON, serialized once for every reader. */
    public record Cached(TimelinePage page, byte[] json) {
    }

    private final TimelineReader reader;
    private final AppliedSequences sequences;
    private final ObjectMapper json;
    private final Map<String, Cached> pages = new ConcurrentHashMap<>();

    FirstPages(TimelineReader reader, AppliedSequences sequences, ObjectMapper json) {
        this.reader = reader;
        this.sequences = sequences;
        this.json = json;
    }

    /** The page held in memory, if it is as new as the projection: never a database read. */
    Optional<Cached> fresh(String timelineId) {
        Cached cached = pages.get(timelineId);
        Long current = sequences.known(timelineId);
        return cached != null && current != null && cached.page().lastSequence() >= current
                ? Optional.of(cached) : Optional.empty();
    }

    public Optional<Cached> get(String timelineId) {
        long current = sequences.current(timelineId);
        Cached cached = pages.get(timelineId);
        if (cached != null && cached.page().lastSequence() >= current) {
            return Optional.of(cached);
        }
        return reader.page(timelineId, null, DEFAULT_LIMIT).map(page -> {
            Cached fresh = new Cached(page, serialize(page));
            pages.merge(timelineId, fresh,
                    (old, neu) -> old.page().lastSequence() > neu.page().lastSequence() ? old : neu);
            return fresh;
        });
    }

    /** A rebuild replaced the tables these pages were read from. */
    @EventListener(ProjectionsReplaced.class)
    void forgetAll() {
        pages.clear();
    }

    private byte[] serialize(TimelinePage page) {
        try {
            return json.writeValueAsBytes(page);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize timeline " + page.id(), e);
        }
    }
}
