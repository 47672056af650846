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
import news.timeline.events.UpdatePinned;
import news.timeline.events.UpdatePosted;
import news.timeline.events.UpdateUnpinned;
import news.timeline.query.consuming.AppliedEventsListener;
import news.timeline.query.consuming.AppliedSequences;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;
import org.xnio.IoUtils;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * The readers connected to each timeline's stream. Each applied event becomes one message, rendered and encoded
 * once and queued to every reader of its timeline. The queued messages go out at once if nothing went out during
 * the last {@code flush-interval}, else when that interval ends: an event of a quiet night is written the moment
 * it is applied, and on a busy one the machine still writes once per reader per interval, however many events
 * come. Heartbeats keep idle connections (and proxies) open. The latest messages of each timeline read lately are
 * kept ({@link RecentMessages}), which is where readers who reconnect catch up from.
 */
@Component
class LiveStreams implements AppliedEventsListener, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LiveStreams.class);

    private final LiveMessages messages;
    private final int capacity;
    private final Duration streamTimeout;
    private final Map<String, Set<Subscriber>> subscribers = new ConcurrentHashMap<>();
    private final ExecutorService sender;
    private final ScheduledExecutorService flusher;
    private final long flushInterval;
    private final Counter droppedReaders;
    private final Counter catchUpsFromMemory;
    private final Counter catchUpsFromDatabase;
    /** Per timeline with readers now or lately: what a reconnecting reader catches up from. */
    private final Map<String, RecentMessages> recentMessages = new ConcurrentHashMap<>();
    /** Held to make a timeline's recent messages, and to be sure there are none: see {@link #recentMessages}. */
    private final Object keeping = new Object();
    private final AppliedSequences sequences;
    private final int recentCapacity;
    private final Duration keepRecent;
    private final Duration reconnectAfter;
    private final ExecutorService databaseCatchUps = Executors.newSingleThreadExecutor(daemons("live-catch-up-"));
    private final AtomicBoolean flushPending = new AtomicBoolean();
    private volatile long lastFlush;
    private volatile boolean running;

    LiveStreams(LiveMessages messages, AppliedSequences sequences,
                @Value("${timeline.live.queue-capacity:500}") int capacity,
                @Value("${timeline.live.sender-threads:2}") int threads,
                @Value("${timeline.live.stream-timeout:30m}") Duration streamTimeout,
                @Value("${timeline.live.flush-interval:15ms}") Duration flushInterval,
                @Value("${timeline.live.recent-messages:2000}") int recentCapacity,
                @Value("${timeline.live.keep-recent:10m}") Duration keepRecent,
                @Value("${timeline.live.reconnect-after:2s}") Duration reconnectAfter,
                MeterRegistry meters) {
        this.messages = messages;
        this.sequences = sequences;
        this.recentCapacity = recentCapacity;
        this.keepRecent = keepRecent;
        this.reconnectAfter = reconnectAfter;
        this.catchUpsFromMemory = meters.counter("timeline.live.catch-ups", "from", "memory");
        this.catchUpsFromDatabase = meters.counter("timeline.live.catch-ups", "from", "database");
        this.droppedReaders = meters.counter("timeline.live.readers.dropped");
        meters.gauge("timeline.live.readers", subscribers, all -> all.values().stream().mapToInt(Set::size).sum());
        this.capacity = capacity;
        this.streamTimeout = streamTimeout;
        this.flushInterval = flushInterval.toNanos();
        this.lastFlush = System.nanoTime() - this.flushInterval;
        this.sender = Executors.newFixedThreadPool(threads, daemons("live-sender-"));
        this.flusher = Executors.newSingleThreadScheduledExecutor(daemons("live-flush-"));
    }

    private static ThreadFactory daemons(String namePrefix) {
        CustomizableThreadFactory factory = new CustomizableThreadFactory(namePrefix);
        factory.setDaemon(true);
        return factory;
    }

    /**
     * Serves an opened stream, starting after {@code lastSeen}: missed events first, then live ones. The missed
     * ones come from the timeline's recent messages when they reach back far enough, else from the database.
     * Called on the request's own thread, where the container's exchange is at hand for cutting the connection.
     * {@code onClose} runs once the stream has ended, however it ended.
     */
    void open(String timelineId, long lastSeen, AsyncContext connection, Runnable onClose) throws IOException {
        connection.setTimeout(streamTimeout.toMillis());
        Set<Subscriber> readers = subscribers.computeIfAbsent(timelineId, id -> ConcurrentHashMap.newKeySet());
        ServerConnection socket = ServletRequestContext.requireCurrent().getExchange().getConnection();
        Subscriber subscriber = new Subscriber(connection, sender, capacity, lastSeen, new Subscriber.Events() {
            @Override
            public void closed(Subscriber subscriber) {
                readers.remove(subscriber);
                onClose.run();
            }

            /** Cut, so that neither the container's buffers nor the socket are held for a reader who is gone. */
            @Override
            public void dropped(Subscriber subscriber) {
                droppedReaders.increment();
                IoUtils.safeClose(socket);
            }
        });
        connection.addListener(new ClosesSubscriber(subscriber));
        Optional<List<LiveMessage>> missed = joinFromMemory(timelineId, readers, subscriber, lastSeen, false);
        if (missed.isPresent()) {
            subscriber.start(reconnectionTime(), missed.get());
            return;
        }
        databaseCatchUps.execute(() -> {
            try {
                subscriber.start(reconnectionTime(), joinFromDatabase(timelineId, readers, subscriber, lastSeen));
            } catch (RuntimeException e) {
                log.warn("a reader of {} could not catch up after sequence {}", timelineId, lastSeen, e);
                subscriber.close();
            }
        });
    }

    /**
     * Adds the reader to the timeline's and answers what it missed, when the recent messages reach back that far;
     * else adds it only if {@code anyway}. Under the recent messages' lock, which events are applied under too:
     * whatever is applied after comes to the reader live, whatever before is in the answer.
     */
    private Optional<List<LiveMessage>> joinFromMemory(String timelineId, Set<Subscriber> readers,
                                                       Subscriber subscriber, long lastSeen, boolean anyway) {
        while (true) {
            RecentMessages recent = recentMessages(timelineId, true);
            synchronized (recent) {
                // unless they were forgotten meanwhile: then events may be applied without them
                if (recentMessages.get(timelineId) == recent) {
                    Optional<List<LiveMessage>> missed = recent.after(lastSeen);
                    if (missed.isPresent() || anyway) {
                        subscriber.joinUnlessClosed(readers);
                    }
                    missed.ifPresent(kept -> catchUpsFromMemory.increment());
                    return missed;
                }
            }
        }
    }

    /**
     * A reader who missed more than is kept catches up from the database, on a thread of its own, one such reader
     * at a time: each renders every update it missed again, and readers dropped together by a server that fell
     * behind would otherwise take all of it (and the request threads) to do so, and fall further behind. It joins
     * only once its turn comes, so that its live messages do not pile up while it waits.
     */
    private List<LiveMessage> joinFromDatabase(String timelineId, Set<Subscriber> readers, Subscriber subscriber,
                                               long lastSeen) {
        return joinFromMemory(timelineId, readers, subscriber, lastSeen, true).orElseGet(() -> {
            catchUpsFromDatabase.increment();
            return messages.after(timelineId, lastSeen);
        });
    }

    /**
     * How long a browser waits before reconnecting a stream that ended (SSE's {@code retry}): between one and two
     * times {@code reconnect-after}, different for every reader, so that readers dropped together (a deploy, a
     * server that fell behind) come back spread out instead of all in the same instant.
     */
    private byte[] reconnectionTime() {
        long millis = reconnectAfter.toMillis() + ThreadLocalRandom.current().nextLong(reconnectAfter.toMillis() + 1);
        return ("retry: " + millis + "\n\n").getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public void applied(List<EventEnvelope> events) {
        try {
            events.forEach(this::pushAndKeep);
        } catch (RuntimeException e) {
            // an event that could not be rendered is missing from them: they are no catch-up any more
            recentMessages.clear();
            throw e;
        }
        flushSoon();
    }

    private void pushAndKeep(EventEnvelope event) {
        Set<Subscriber> readers = subscribers.getOrDefault(event.timelineId(), Set.of());
        RecentMessages recent = recentMessages(event.timelineId(), !readers.isEmpty());
        if (recent == null) {
            return;
        }
        Optional<LiveMessage> message = event.payload() instanceof UpdateEvent update
                ? messages.of(event.timelineId(), event.sequence(), event.type(), update.updateId())
                : Optional.empty();
        synchronized (recent) {
            staleAfter(event).ifPresent(stale -> recent.refresh(stale, kept ->
                    messages.of(event.timelineId(), kept.sequence(), kept.type(), kept.updateId())));
            recent.applied(event.sequence(), message);
            message.ifPresent(live -> readers.forEach(reader -> reader.push(live)));
        }
    }

    /**
     * The timeline's recent messages, made (if {@code make}) kept from its last applied sequence on. That is safe
     * because {@link AppliedSequences} has each event before it is pushed here, and because making them and finding
     * none are exclusive: an event pushed before they were made was kept nowhere and is at or before that sequence,
     * one pushed after finds them. So a reader who opens a stream at the timeline's last sequence (a new reader, or
     * one who reconnects after a deploy having missed nothing) needs no catch-up from the database, even on a
     * timeline where nothing has happened since this instance started. Only finding none takes the lock: every
     * event of a timeline with readers finds them without it.
     */
    private RecentMessages recentMessages(String timelineId, boolean make) {
        RecentMessages found = recentMessages.get(timelineId);
        if (found != null) {
            return found;
        }
        synchronized (keeping) {
            RecentMessages recent = recentMessages.get(timelineId);
            if (recent == null && make) {
                recent = new RecentMessages(recentCapacity, sequences.current(timelineId));
                recentMessages.put(timelineId, recent);
            }
            return recent;
        }
    }

    /**
     * Which messages no longer show their update as it is after {@code event}, if any may: its earlier ones when it
     * is edited or retracted, and on a pin or an unpin those of the update that was pinned too.
     */
    private static Optional<Predicate<LiveMessage>> staleAfter(EventEnvelope event) {
        if (!(event.payload() instanceof UpdateEvent update) || event.payload() instanceof UpdatePosted) {
            return Optional.empty();
        }
        boolean pinning = event.payload() instanceof UpdatePinned || event.payload() instanceof UpdateUnpinned;
        return Optional.of(message -> message.updateId().equals(update.updateId()) || pinning && message.pinned());
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
        databaseCatchUps.shutdownNow();
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
        forgetUnread();
    }

    /** Stops keeping the recent messages of timelines that have had no reader for {@code keep-recent}. */
    private void forgetUnread() {
        long now = System.nanoTime();
        recentMessages.forEach((timelineId, recent) -> {
            synchronized (recent) {
                if (!subscribers.getOrDefault(timelineId, Set.of()).isEmpty()) {
                    recent.read(now);
                } else if (now - recent.lastRead() > keepRecent.toNanos()) {
                    recentMessages.remove(timelineId);
                }
            }
        });
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
