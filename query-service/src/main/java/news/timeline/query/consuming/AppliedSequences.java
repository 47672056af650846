package news.timeline.query.consuming;

import news.timeline.events.EventEnvelope;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last committed sequence of each timeline, in memory, for cache validators and read-your-writes waits; unknown
 * timelines are looked up and not remembered, so that made-up ids cannot fill it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class AppliedSequences implements AppliedEventsListener {

    private final TimelinePositions positions;
    private final Map<String, Long> latest = new ConcurrentHashMap<>();
    private final Object changed = new Object();

    public AppliedSequences(TimelinePositions positions) {
        this.positions = positions;
    }

    /** The last applied sequence of the timeline, or {@link TimelinePositions#NOTHING_APPLIED}. */
    public long current(String timelineId) {
        Long known = latest.get(timelineId);
        if (known != null) {
            return known;
        }
        long stored = positions.lastSequence(timelineId);
        if (stored != TimelinePositions.NOTHING_APPLIED) {
            latest.merge(timelineId, stored, Math::max);
        }
        return stored;
    }

    /** The last applied sequence if it is in memory, else null: never a database read. */
    public Long known(String timelineId) {
        return latest.get(timelineId);
    }

    /** Waits until the timeline has reached {@code sequence}, at most {@code timeout}; true if it has. */
    public boolean awaitAtLeast(String timelineId, long sequence, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        // any database read happens here, outside the lock that the consumer thread takes to notify
        long known = current(timelineId);
        synchronized (changed) {
            while (latest.getOrDefault(timelineId, known) < sequence) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    changed.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    @Override
    public void applied(List<EventEnvelope> events) {
        for (EventEnvelope event : events) {
            latest.merge(event.timelineId(), event.sequence(), Math::max);
        }
        synchronized (changed) {
            changed.notifyAll();
        }
    }
}
