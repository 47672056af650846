package news.timeline.command.timeline;

/** A published draft is an update now: it is changed as one, not as a draft. */
public class DraftPublishedException extends TimelineRuleException {

    DraftPublishedException(String draftId) {
        super("draft " + draftId + " is published; change its update instead");
    }
}
