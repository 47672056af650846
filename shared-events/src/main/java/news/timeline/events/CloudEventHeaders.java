package news.timeline.events;

/**
 * CloudEvents 1.0 Kafka protocol binding, binary mode: the attributes travel as record headers so that any
 * Kafka tool can route and inspect events without parsing the JSON value.
 */
public final class CloudEventHeaders {

    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String CONTENT_TYPE = "content-type";
    /** CloudEvents' distributed tracing extension: the W3C trace context of the request that caused the event. */
    public static final String TRACEPARENT = "ce_traceparent";

    public static final String SPEC_VERSION_VALUE = "1.0";
    public static final String CONTENT_TYPE_VALUE = "application/json";
    public static final String SOURCE_VALUE = "urn:news-timeline:command-service";
    private static final String TYPE_PREFIX = "news.timeline.";

    private CloudEventHeaders() {
    }

    /** The {@code ce_type} of an event type, e.g. {@code news.timeline.UpdatePosted.v1}. */
    public static String typeOf(EventEnvelope envelope) {
        return TYPE_PREFIX + envelope.type() + ".v" + envelope.schemaVersion();
    }
}
