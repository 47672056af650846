package news.timeline.query.consuming;

/**
 * An event that must not be skipped cannot be applied: a gap in its timeline's sequence (an event is missing) or
 * a record that is not a timeline event. Its partition stops until an operator has looked.
 */
class PartitionHaltedException extends RuntimeException {

    PartitionHaltedException(String message) {
        super(message);
    }

    PartitionHaltedException(String message, Throwable cause) {
        super(message, cause);
    }
}
