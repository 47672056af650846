package news.timeline.command.imports;

/** What was sent to be imported is not an Atom feed this service can read; nothing was imported. */
class InvalidFeedException extends RuntimeException {

    InvalidFeedException(String message) {
        super(message);
    }
}
