package news.timeline.command;

import org.axonframework.eventhandling.EventMessage;

/** Metadata keys that commands carry and Axon copies onto the events they cause. */
public final class EventMetadata {

    /** The signed-in user who issued the command. */
    public static final String ACTOR = "actor";

    /** The hash of the timeline's event before this one, set by the aggregate before the event is stored. */
    public static final String PREVIOUS_HASH = "previousHash";

    /** The event's own hash as recorded, stored with it so that reading it upcast does not change it. */
    public static final String HASH = "hash";

    /**
     * The W3C trace context ({@code 00-traceid-spanid-flags}) of the request that issued the command: its events
     * carry it to their Kafka records ({@code ce_traceparent}) and to the log lines of whoever applies them.
     */
    public static final String TRACEPARENT = "traceparent";

    /** The form of the event's canonical JSON its hash was taken over; events recorded without one used form 1. */
    public static final String HASH_FORM = "hashForm";

    private EventMetadata() {
    }

    /** The form an event's hash is taken in, as recorded with it; null for form 1, as every event once was. */
    public static Integer hashFormOf(EventMessage<?> event) {
        Object form = event.getMetaData().get(HASH_FORM);
        return form == null ? null : Integer.valueOf(form.toString());
    }
}
