package news.timeline.command.timeline;

/** A contributor may change only the drafts they filed; editors may change any. */
public class DraftNotYoursException extends TimelineRuleException {

    DraftNotYoursException(String draftId) {
        super("draft " + draftId + " was filed by someone else");
    }
}
