package news.timeline.command.timeline;

/** An update id can be posted once per timeline. */
public class DuplicateUpdateException extends TimelineRuleException {

    DuplicateUpdateException(String updateId) {
        super("update " + updateId + " already exists");
    }
}
