package news.timeline.query.live;

import news.timeline.events.EventEnvelope;
import news.timeline.events.UpdateEvent;
import news.timeline.query.consuming.AppliedEventsListener;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The readers connected to each timeline's stream. Each applied event becomes one message, rendered once and
 * queued to every reader of its timeline; heartbeats keep idle connections (and the proxies on their way) open.
 */
@Component
class LiveStreams implements AppliedEventsListener {

    private final LiveMessages messages;
    private final int capacity;
    private final Duration streamTimeout;
    private final Map<String, Set<Subscriber>> subscribers = new ConcurrentHashMap<>();
    private final AtomicInteger senderThreads = new AtomicInteger();
    private final ExecutorService sender;

    LiveStreams(LiveMessages messages,
                @Value("${timeline.live.queue-capacity:500}") int capacity,
                @Value("${timeline.live.sender-threads:4}") int threads,
                @Value("${timeline.live.stream-timeout:30m}") Duration streamTimeout) {
        this.messages = messages;
        this.capacity = capacity;
        this.streamTimeout = streamTimeout;
        this.sender = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "live-sender-" + senderThreads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** A new stream, starting after {@code lastSeen}: missed events first, then live ones. */
    SseEmitter open(String timelineId, long lastSeen) {
        SseEmitter emitter = new SseEmitter(streamTimeout.toMillis());
        Set<Subscriber> readers = subscribers.computeIfAbsent(timelineId, id -> ConcurrentHashMap.newKeySet());
        Subscriber[] self = new Subscriber[1];
        Runnable remove = () -> readers.remove(self[0]);
        self[0] = new Subscriber(emitter, sender, capacity, lastSeen, remove);
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(error -> remove.run());
        readers.add(self[0]);
        self[0].start(messages.after(timelineId, lastSeen));
        return emitter;
    }

    int readers(String timelineId) {
        return subscribers.getOrDefault(timelineId, Set.of()).size();
    }

    @Override
    public void applied(List<EventEnvelope> events) {
        for (EventEnvelope event : events) {
            Set<Subscriber> readers = subscribers.get(event.timelineId());
            if (readers == null || readers.isEmpty() || !(event.payload() instanceof UpdateEvent update)) {
                continue;
            }
            messages.of(event.timelineId(), event.sequence(), event.type(), update.updateId())
                    .ifPresent(message -> readers.forEach(reader -> reader.push(message)));
        }
    }

    @Scheduled(fixedDelayString = "${timeline.live.heartbeat:15s}")
    void heartbeat() {
        subscribers.values().forEach(readers -> readers.forEach(Subscriber::heartbeat));
    }
}
