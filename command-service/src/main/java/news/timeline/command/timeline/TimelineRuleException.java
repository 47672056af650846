package news.timeline.command.timeline;

/** A command broke one of a timeline's rules; nothing was changed. */
public abstract class TimelineRuleException extends RuntimeException {

    TimelineRuleException(String message) {
        super(message);
    }
}
