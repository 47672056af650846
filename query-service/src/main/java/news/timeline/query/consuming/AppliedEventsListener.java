package news.timeline.query.consuming;

import news.timeline.events.EventEnvelope;

import java.util.List;

/**
 * Told of the events of a batch once their transaction has committed, in order: what readers can now see. Runs on
 * the consumer thread, so it must be quick; a failure is logged and does not stop consuming.
 */
public interface AppliedEventsListener {

    void applied(List<EventEnvelope> events);
}
