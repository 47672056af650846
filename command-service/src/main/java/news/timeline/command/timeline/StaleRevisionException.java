package news.timeline.command.timeline;

/** The editor worked on an older revision than the current one: their change would overwrite someone's. */
public class StaleRevisionException extends TimelineRuleException {

    private final int currentRevision;

    /** {@code what}: the update or the draft, as in {@code "update u1"}. */
    StaleRevisionException(String what, int basedOnRevision, int currentRevision) {
        super(what + " is at revision " + currentRevision + ", not " + basedOnRevision);
        this.currentRevision = currentRevision;
    }

    public int currentRevision() {
        return currentRevision;
    }
}
