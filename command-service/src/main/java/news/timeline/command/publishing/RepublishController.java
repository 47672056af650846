package news.timeline.command.publishing;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.OptionalLong;

/**
 * Admins: {@code POST /api/admin/republish} sends every stored event to Kafka again, from the first, by resetting
 * the relay's position in the event store: the way to restore a lost topic. Consumers skip what they already
 * applied (they keep each timeline's last sequence), so republishing is safe while they run. {@code GET} shows how
 * far the relay has got.
 */
@RestController
@RequestMapping(RepublishController.PATH)
class RepublishController {

    static final String PATH = "/api/admin/republish";

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final TimelineTopic topic;
    private final TimelineProducer producer;

    RepublishController(EventProcessingConfiguration processing, EventStore eventStore, TimelineTopic topic,
                        TimelineProducer producer) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.topic = topic;
        this.producer = producer;
    }

    /** {@code position} and {@code head} are global positions in the event store. */
    record Status(boolean replaying, Long position, Long head) {
    }

    @PostMapping
    synchronized ResponseEntity<Status> republish() {
        TrackingEventProcessor relay = relay();
        relay.shutDown();
        topic.forget();
        topic.ensureExists();
        producer.renew();
        relay.resetTokens();
        relay.start();
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create(PATH)).body(status());
    }

    @GetMapping
    Status status() {
        var segments = relay().processingStatus().values();
        boolean replaying = segments.stream().anyMatch(EventTrackerStatus::isReplaying);
        Long position = segments.stream().map(EventTrackerStatus::getCurrentPosition)
                .filter(OptionalLong::isPresent).map(OptionalLong::getAsLong).min(Long::compare).orElse(null);
        return new Status(replaying, position, position(eventStore.createHeadToken()));
    }

    private TrackingEventProcessor relay() {
        return processing.eventProcessor(KafkaPublisher.PROCESSING_GROUP, TrackingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("no tracking processor " + KafkaPublisher.PROCESSING_GROUP));
    }

    private static Long position(TrackingToken token) {
        OptionalLong position = token == null ? OptionalLong.empty() : token.position();
        return position.isPresent() ? position.getAsLong() : null;
    }
}
