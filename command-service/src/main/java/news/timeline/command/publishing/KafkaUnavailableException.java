package news.timeline.command.publishing;

/** Events could not be handed to Kafka; the batch is rolled back and published again later. */
class KafkaUnavailableException extends RuntimeException {

    KafkaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
