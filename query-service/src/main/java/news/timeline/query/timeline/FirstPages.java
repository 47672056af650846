package news.timeline.query.timeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import news.timeline.query.consuming.AppliedSequences;
import news.timeline.query.rebuild.ProjectionsReplaced;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

import java.util.Map;
import java.util.Optional;

/**
 * The first page of each timeline, in memory with its JSON bytes: what nearly every reader asks for. A cached page
 * is served while no newer event of its timeline has been applied; the first request after one reads the
 * database once and replaces it. The pages held weigh at most {@code timeline.first-pages.max-bytes} (their JSON
 * twice, for the page objects beside it), the least used going first: a crawler reading every archived timeline
 * once cannot fill the memory. {@code timeline.first-pages.reads} counts pages served from memory (hit) and read
 * from the database (miss), {@code timeline.first-pages.evicted} the pages pushed out, {@code .bytes} their weight.
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
    private final Map<String, Cached> pages;
    private final Counter hits;
    private final Counter misses;

    FirstPages(TimelineReader reader, AppliedSequences sequences, ObjectMapper json,
               @Value("${timeline.first-pages.max-bytes:64MB}") DataSize maxBytes, MeterRegistry meters) {
        this.reader = reader;
        this.sequences = sequences;
        this.json = json;
        Counter evicted = meters.counter("timeline.first-pages.evicted");
        Cache<String, Cached> cache = Caffeine.newBuilder().maximumWeight(maxBytes.toBytes())
                .weigher((String timelineId, Cached page) -> 2 * page.json().length)
                .evictionListener((timelineId, page, cause) -> evicted.increment())
                .build();
        this.pages = cache.asMap();
        Gauge.builder("timeline.first-pages.bytes", cache, held -> held.policy().eviction().orElseThrow()
                .weightedSize().orElse(0)).description("weight of the pages held: twice their JSON").strongReference(true)
                .register(meters);
        this.hits = meters.counter("timeline.first-pages.reads", "result", "hit");
        this.misses = meters.counter("timeline.first-pages.reads", "result", "miss");
    }

    /** The page held in memory, if it is as new as the projection: never a database read. */
    Optional<Cached> fresh(String timelineId) {
        Cached cached = pages.get(timelineId);
        Long current = sequences.known(timelineId);
        if (cached != null && current != null && cached.page().lastSequence() >= current) {
            hits.increment();
            return Optional.of(cached);
        }
        return Optional.empty();
    }

    public Optional<Cached> get(String timelineId) {
        long current = sequences.current(timelineId);
        Cached cached = pages.get(timelineId);
        if (cached != null && cached.page().lastSequence() >= current) {
            hits.increment();
            return Optional.of(cached);
        }
        misses.increment();
        return reader.page(timelineId, null, DEFAULT_LIMIT).map(page -> {
            Cached fresh = new Cached(page, serialize(page));
            pages.merge(timelineId, fresh,
                    (old, neu) -> old.page().lastSequence() > neu.page().lastSequence() ? old : neu);
            return fresh;
        });
    }

    /** An erasure: the page in memory may hold the erased words, and goes now rather than at the next read. */
    public void forget(String timelineId) {
        pages.remove(timelineId);
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
