package news.timeline.events;

/** Kafka topic names of the contract. */
public final class Topics {

    /** Every timeline event, keyed by timeline id so that one timeline stays in order on one partition. */
    public static final String TIMELINE_EVENTS = "timeline-events";

    private Topics() {
    }
}
