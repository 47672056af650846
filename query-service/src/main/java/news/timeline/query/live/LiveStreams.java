package news.timeline.query.live;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import news.timeline.events.EventEnvelope;
import news.timeline.events.UpdateEvent;
import news.timeline.query.consuming.AppliedEventsListener;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The readers connected to each timeline's stream. Each applied event becomes one message, rendered and encoded
 * once and queued to every reader of its timeline; every {@code flush-interval} the queued messages go out, so a
 * reader waits at most that long and the machine writes once per reader per tick, however busy the night.
 * Heartbeats keep idle connections (and proxies) open.
 */
@Component
class LiveStreams implements AppliedEventsListener, SmartLifecycle {

    private final LiveMessages messages;
    private final int capacity;
    private final Duration streamTimeout;
    private final Map<String, Set<Subscriber>> subscribers = new ConcurrentHashMap<>();
    private final AtomicInteger senderThreads = new AtomicInteger();
    private final ExecutorService sender;
    private volatile boolean running;

    LiveStreams(LiveMessages messages,
                @Value("${timeline.live.queue-capacity:500}") int capacity,
                @Value("${timeline.live.sender-threads:2}") int threads,
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

    /** Serves an opened stream, starting after {@code lastSeen}: missed events first, then live ones. */
    void open(String timelineId, long lastSeen, AsyncContext connection) throws IOException {
        connection.setTimeout(streamTimeout.toMillis());
        Set<Subscriber> readers = subscribers.computeIfAbsent(timelineId, id -> ConcurrentHashMap.newKeySet());
        Subscriber[] self = new Subscriber[1];
        self[0] = new Subscriber(connection, sender, capacity, lastSeen, () -> readers.remove(self[0]));
        connection.addListener(new ClosesSubscriber(self[0]));
        readers.add(self[0]);
        self[0].start(messages.after(timelineId, lastSeen));
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

    @Override
    public void start() {
        running = true;
    }

    /**
     * Ends every open stream before the web server's graceful shutdown, which would otherwise wait for them as for
     * unfinished requests; browsers reconnect to another instance with Last-Event-ID.
     */
    @Override
    public void stop() {
        running = false;
        subscribers.values().forEach(readers -> List.copyOf(readers).forEach(Subscriber::close));
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Scheduled(fixedRateString = "${timeline.live.flush-interval:20ms}")
    void flush() {
        subscribers.values().forEach(readers -> readers.forEach(Subscriber::flush));
    }

    @Scheduled(fixedDelayString = "${timeline.live.heartbeat:15s}")
    void heartbeat() {
        subscribers.values().forEach(readers -> readers.forEach(Subscriber::heartbeat));
    }

    /** The container ended the stream (client gone, timeout, error): forget the reader. */
    private record ClosesSubscriber(Subscriber subscriber) implements AsyncListener {

        @Override
        public void onComplete(AsyncEvent event) {
            subscriber.close();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            subscriber.close();
        }

        @Override
        public void onError(AsyncEvent event) {
            subscriber.close();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // nothing to do
        }
    }
}
