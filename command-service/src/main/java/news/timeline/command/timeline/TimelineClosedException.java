package news.timeline.command.timeline;

/** A closed timeline takes no new posts until it is reopened. */
public class TimelineClosedException extends TimelineRuleException {

    TimelineClosedException(String timelineId) {
        super("timeline " + timelineId + " is closed");
    }
}
