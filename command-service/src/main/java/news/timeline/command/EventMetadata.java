package news.timeline.command;

/** Metadata keys that commands carry and Axon copies onto the events they cause. */
public final class EventMetadata {

    /** The signed-in user who issued the command. */
    public static final String ACTOR = "actor";

    private EventMetadata() {
    }
}
