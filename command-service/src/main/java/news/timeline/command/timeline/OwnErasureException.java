package news.timeline.command.timeline;

/** Two people erase: the one who asked for an erasure may not approve it. */
public class OwnErasureException extends TimelineRuleException {

    OwnErasureException(String erasureId) {
        super("erasure " + erasureId + " was requested by you: another legal officer or an admin approves it");
    }
}
