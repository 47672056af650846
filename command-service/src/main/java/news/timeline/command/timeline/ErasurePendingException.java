package news.timeline.command.timeline;

/** One erasure of an update at a time: it is approved before another is asked for. */
public class ErasurePendingException extends TimelineRuleException {

    ErasurePendingException(String updateId) {
        super("an erasure of update " + updateId + " waits for approval already");
    }
}
