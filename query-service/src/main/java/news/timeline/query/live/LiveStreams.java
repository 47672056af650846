package news.timeline.query.live;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.undertow.server.ServerConnection;
import io.undertow.servlet.handlers.ServletRequestContext;
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
import org.xnio.IoUtils;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The readers connected to each timeline's stream. Each applied event becomes one message, rendered and encoded
 * once and queued to every reader of its timeline. The queued messages go out at once if nothing went out during
 * the last {@code flush-interval}, else when that interval ends: an event of a quiet night is written the moment
 * it is applied, and on a busy one the machine still writes once per reader per interval, however many events
 * come. Heartbeats keep idle connections (and proxies) open.
 */
@Component
class LiveStreams implements AppliedEventsListener, SmartLifecycle {

    private final LiveMessages messages;
    private final int capacity;
    private final Duration streamTimeout;
    private final Map<String, Set<Subscriber>> subscribers = new ConcurrentHashMap<>();
    private final AtomicInteger senderThreads = new AtomicInteger();
    private final ExecutorService sender;
    private final ScheduledExecutorService flusher;
    private final long flushInterval;
    private final Counter droppedReaders;
    private final AtomicBoolean flushPending = new AtomicBoolean();
    private volatile long lastFlush;
    private volatile boolean running;

    LiveStreams(LiveMessages messages,
                @Value("${timeline.live.queue-capacity:500}") int capacity,
                @Value("${timeline.live.sender-threads:2}") int threads,
                @Value("${timeline.live.stream-timeout:30m}") Duration streamTimeout,
                @Value("${timeline.live.flush-interval:15ms}") Duration flushInterval,
                MeterRegistry meters) {
        this.messages = messages;
        this.droppedReaders = meters.counter("timeline.live.readers.dropped");
        meters.gauge("timeline.live.readers", subscribers, all -> all.values().stream().mapToInt(Set::size).sum());
        this.capacity = capacity;
        this.streamTimeout = streamTimeout;
        this.flushInterval = flushInterval.toNanos();
        this.lastFlush = System.nanoTime() - this.flushInterval;
        this.sender = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "live-sender-" + senderThreads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.flusher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "live-flush");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Serves an opened stream, starting after {@code lastSeen}: missed events first, then live ones. Called on
     * the request's own thread, where the container's exchange is at hand for cutting the connection later.
     */
    void open(String timelineId, long lastSeen, AsyncContext connection) throws IOException {
        connection.setTimeout(streamTimeout.toMillis());
        Set<Subscriber> readers = subscribers.computeIfAbsent(timelineId, id -> ConcurrentHashMap.newKeySet());
        ServerConnection socket = ServletRequestContext.requireCurrent().getExchange().getConnection();
        Subscriber subscriber = new Subscriber(connection, sender, capacity, lastSeen, new Subscriber.Events() {
            @Override
            public void closed(Subscriber subscriber) {
                readers.remove(subscriber);
            }

            /** Cut, so that neither the container's buffers nor the socket are held for a reader who is gone. */
            @Override
            public void dropped(Subscriber subscriber) {
                droppedReaders.increment();
                IoUtils.safeClose(socket);
            }
        });
        connection.addListener(new ClosesSubscriber(subscriber));
        readers.add(subscriber);
        subscriber.start(messages.after(timelineId, lastSeen));
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
        flushSoon();
    }

    /**
     * Sends what is queued now, or at the end of the interval that began with the last send. A message queued
     * while a send is pending goes with it; one queued after the pending send began asks for the next.
     */
    private void flushSoon() {
        if (running && flushPending.compareAndSet(false, true)) {
            long wait = Math.max(0, lastFlush + flushInterval - System.nanoTime());
            flusher.schedule(this::flush, wait, TimeUnit.NANOSECONDS);
        }
    }

    private void flush() {
        flushPending.set(false);
        lastFlush = System.nanoTime();
        subscribers.values().forEach(readers -> readers.forEach(Subscriber::flush));
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
        flusher.shutdownNow();
        subscribers.values().forEach(readers -> List.copyOf(readers).forEach(Subscriber::close));
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Scheduled(fixedDelayString = "${timeline.live.heartbeat:15s}")
    void heartbeat() {
        subscribers.values().forEach(readers -> readers.forEach(Subscriber::heartbeat));
        flushSoon();
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
