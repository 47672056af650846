package news.timeline.command.timeline;

/** Content an editor sent breaks a limit; {@link #field()} names where, as a JSON path. */
public class InvalidContentException extends TimelineRuleException {

    private final String field;

    InvalidContentException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
