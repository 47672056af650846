package news.timeline.command.timeline;

/** An erased update is gone: nothing more is done to it (an editor may post a redacted replacement). */
public class UpdateErasedException extends TimelineRuleException {

    UpdateErasedException(String updateId) {
        super("update " + updateId + " was erased");
    }
}
