package news.timeline.command.timeline;

/** An erasure is carried out once. */
public class ErasureApprovedException extends TimelineRuleException {

    ErasureApprovedException(String erasureId) {
        super("erasure " + erasureId + " was approved already");
    }
}
