package news.timeline.command.timeline;

/** No update of that id was ever posted on this timeline. */
public class UnknownUpdateException extends TimelineRuleException {

    UnknownUpdateException(String timelineId, String updateId) {
        super("timeline " + timelineId + " has no update " + updateId);
    }
}
