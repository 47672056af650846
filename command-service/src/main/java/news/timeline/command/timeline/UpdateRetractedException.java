package news.timeline.command.timeline;

/** A retracted update is final: it cannot be edited, retracted again or pinned. */
public class UpdateRetractedException extends TimelineRuleException {

    UpdateRetractedException(String updateId) {
        super("update " + updateId + " was retracted");
    }
}
