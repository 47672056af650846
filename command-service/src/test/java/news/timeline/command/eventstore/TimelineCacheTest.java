package news.timeline.command.eventstore;

import org.axonframework.common.caching.Cache;
import org.ehcache.CacheManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The aggregates kept between commands: held through garbage collections, and only so many. */
class TimelineCacheTest {

    private final EventStoreConfiguration configuration = new EventStoreConfiguration();
    private final CacheManager manager = configuration.timelineCacheManager();
    private final Cache cache = configuration.timelineCache(manager, 3);

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void aTimelineIsStillThereAfterACollection() {
        cache.put("t1", new StringBuilder("a timeline nobody else holds"));

        System.gc();

        assertThat(cache.<String, StringBuilder>get("t1")).hasToString("a timeline nobody else holds");
    }

    @Test
    void onlyTheConfiguredNumberOfTimelinesIsKept() {
        IntStream.rangeClosed(1, 10).forEach(n -> cache.put("t" + n, "timeline " + n));

        long kept = IntStream.rangeClosed(1, 10).filter(n -> cache.containsKey("t" + n)).count();
        assertThat(kept).isEqualTo(3);
    }
}
