package news.timeline.command.publishing;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import news.timeline.command.eventstore.RecordedEvents;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.stereotype.Component;

import java.util.OptionalLong;

/**
 * {@code timeline.relay.lag}: how many positions of the event store the relay has still to send to Kafka, the
 * store's last position less the relay's. Unknown (NaN) until the relay has claimed its position.
 */
@Component
class RelayLag implements MeterBinder {

    private final EventProcessingConfiguration processing;
    private final RecordedEvents recordedEvents;

    RelayLag(EventProcessingConfiguration processing, RecordedEvents recordedEvents) {
        this.processing = processing;
        this.recordedEvents = recordedEvents;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("timeline.relay.lag", this, RelayLag::lag)
                .description("event store positions not yet sent to Kafka").register(registry);
    }

    private double lag() {
        OptionalLong relay = processing.eventProcessor(KafkaPublisher.PROCESSING_GROUP, StreamingEventProcessor.class)
                .flatMap(processor -> processor.processingStatus().values().stream()
                        .map(EventTrackerStatus::getCurrentPosition)
                        .filter(OptionalLong::isPresent).map(OptionalLong::getAsLong).min(Long::compare))
                .map(OptionalLong::of).orElse(OptionalLong.empty());
        TrackingToken head = recordedEvents.createHeadToken();
        OptionalLong stored = head == null ? OptionalLong.of(0) : head.position();
        return relay.isPresent() && stored.isPresent() ? Math.max(0, stored.getAsLong() - relay.getAsLong())
                : Double.NaN;
    }
}
