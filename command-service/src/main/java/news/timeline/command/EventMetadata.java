package news.timeline.command;

/** Metadata keys that commands carry and Axon copies onto the events they cause. */
public final class EventMetadata {

    /** The signed-in user who issued the command. */
    public static final String ACTOR = "actor";

    /** The hash of the timeline's event before this one, set by the aggregate before the event is stored. */
    public static final String PREVIOUS_HASH = "previousHash";

    /** The event's own hash as recorded, stored with it so that reading it upcast does not change it. */
    public static final String HASH = "hash";

    private EventMetadata() {
    }
}
