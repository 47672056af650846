package news.timeline.command.timeline;

/** No draft of that id was ever filed on this timeline. */
public class UnknownDraftException extends TimelineRuleException {

    UnknownDraftException(String timelineId, String draftId) {
        super("timeline " + timelineId + " has no draft " + draftId);
    }
}
