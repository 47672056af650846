package news.timeline.command.timeline;

/** The editor worked on an older revision than the current one: their change would overwrite someone's. */
public class StaleRevisionException extends TimelineRuleException {

    private final int currentRevision;

    StaleRevisionException(String updateId, int basedOnRevision, int currentRevision) {
        super("update " + updateId + " is at revision " + currentRevision + ", not " + basedOnRevision);
        this.currentRevision = currentRevision;
    }

    public int currentRevision() {
        return currentRevision;
    }
}
