package news.timeline.query.live;

import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * One reader's stream. Messages queue here and a shared sender pool writes them, one drain at a time per reader;
 * a reader whose queue outgrows {@code capacity} is too slow to keep and is dropped (its browser reconnects with
 * Last-Event-ID and catches up from the database). Live messages that arrive before {@link #start} wait behind
 * the catch-up, and whatever the catch-up already sent is skipped: no gap, no duplicate.
 */
final class Subscriber {

    private static final Object HEARTBEAT = new Object();

    private final SseEmitter emitter;
    private final Executor sender;
    private final int capacity;
    private final Runnable onClose;
    private final Deque<Object> queue = new ArrayDeque<>();
    private boolean started;
    private boolean sending;
    private boolean closed;
    private long lastSent;

    Subscriber(SseEmitter emitter, Executor sender, int capacity, long lastSeen, Runnable onClose) {
        this.emitter = emitter;
        this.sender = sender;
        this.capacity = capacity;
        this.lastSent = lastSeen;
        this.onClose = onClose;
    }

    /** Sends the messages the reader missed, then everything live that queued up meanwhile. */
    synchronized void start(List<LiveMessage> missed) {
        for (int i = missed.size() - 1; i >= 0; i--) {
            queue.addFirst(missed.get(i));
        }
        started = true;
        schedule();
    }

    synchronized void push(LiveMessage message) {
        enqueue(message);
    }

    synchronized void heartbeat() {
        enqueue(HEARTBEAT);
    }

    private void enqueue(Object item) {
        if (closed) {
            return;
        }
        if (queue.size() >= capacity) {
            close();
            emitter.complete();
            return;
        }
        queue.add(item);
        schedule();
    }

    private void schedule() {
        if (started && !sending && !queue.isEmpty()) {
            sending = true;
            sender.execute(this::drain);
        }
    }

    private void drain() {
        while (true) {
            Object item;
            synchronized (this) {
                item = closed ? null : queue.poll();
                if (item == null) {
                    sending = false;
                    return;
                }
            }
            try {
                write(item);
            } catch (IOException | IllegalStateException gone) {
                synchronized (this) {
                    close();
                    sending = false;
                }
                return;
            }
        }
    }

    private void write(Object item) throws IOException {
        if (item instanceof LiveMessage message) {
            if (message.sequence() <= lastSent) {
                return;
            }
            lastSent = message.sequence();
            emitter.send(SseEmitter.event().name(message.event()).id(String.valueOf(message.sequence()))
                    .data(message.data(), MediaType.APPLICATION_JSON));
        } else {
            emitter.send(SseEmitter.event().comment("heartbeat"));
        }
    }

    private void close() {
        if (!closed) {
            closed = true;
            queue.clear();
            onClose.run();
        }
    }
}
