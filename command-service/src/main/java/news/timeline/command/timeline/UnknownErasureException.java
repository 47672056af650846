package news.timeline.command.timeline;

/** No erasure of that id was asked for on this timeline. */
public class UnknownErasureException extends TimelineRuleException {

    UnknownErasureException(String erasureId) {
        super("no erasure " + erasureId);
    }
}
