package news.timeline.query.consuming;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import news.timeline.events.EventEnvelope;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code timeline.projection.freshness}: from each event's time (when the command service stored it) until this
 * instance's projection has applied it, as a histogram, so that operators can read its percentiles across
 * instances. Events applied late (this instance was down, or halted on a partition) count as late as they were.
 */
@Component
class ProjectionFreshness implements AppliedEventsListener {

    private final Timer freshness;

    ProjectionFreshness(MeterRegistry meters) {
        this.freshness = Timer.builder("timeline.projection.freshness")
                .description("from an event's time until its projection was applied here")
                .publishPercentileHistogram().maximumExpectedValue(Duration.ofMinutes(1)).register(meters);
    }

    @Override
    public void applied(List<EventEnvelope> events) {
        Instant now = Instant.now();
        for (EventEnvelope event : events) {
            freshness.record(Duration.between(event.occurredAt(), now));
        }
    }
}
