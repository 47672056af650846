package news.timeline.command.timeline;

/** A draft set to go out at a time goes out as it is: its schedule is cancelled before it is changed again. */
public class DraftScheduledException extends TimelineRuleException {

    DraftScheduledException(String draftId) {
        super("draft " + draftId + " is scheduled; cancel its publication first");
    }
}
