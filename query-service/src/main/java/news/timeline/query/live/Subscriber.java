package news.timeline.query.live;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.ServletResponseWrapper;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * One reader's stream. Messages queue here; whenever {@link LiveStreams} flushes, a shared sender pool writes
 * what has queued, one drain at a time per reader and one flush per drain, so that a busy timeline costs one
 * write per reader per flush interval rather than one per event. A reader whose queue outgrows {@code capacity}
 * is too slow to keep and is dropped: its browser reconnects with Last-Event-ID and catches up from the database.
 * Live messages that arrive before {@link #start} wait behind the catch-up, and whatever the catch-up already sent
 * is skipped: no gap, no duplicate.
 */
final class Subscriber {

    private static final byte[] HEARTBEAT = ": heartbeat\n\n".getBytes(StandardCharsets.UTF_8);

    private final AsyncContext connection;
    private final OutputStream out;
    private final Executor sender;
    private final int capacity;
    private final Runnable onClose;
    private final Deque<Object> queue = new ArrayDeque<>();
    private boolean started;
    private boolean sending;
    private boolean closed;
    private long lastSent;

    Subscriber(AsyncContext connection, Executor sender, int capacity, long lastSeen, Runnable onClose)
            throws IOException {
        this.connection = connection;
        this.out = containersOwn(connection.getResponse()).getOutputStream();
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

    /** Writes out whatever has queued since the last flush. */
    synchronized void flush() {
        schedule();
    }

    synchronized void close() {
        if (!closed) {
            closed = true;
            queue.clear();
            onClose.run();
            if (!sending) {
                complete();
            }
        }
    }

    private void enqueue(Object item) {
        if (closed) {
            return;
        }
        if (queue.size() >= capacity) {
            close();
            return;
        }
        queue.add(item);
    }

    private void schedule() {
        if (started && !sending && !queue.isEmpty()) {
            sending = true;
            sender.execute(this::drain);
        }
    }

    private void drain() {
        try {
            while (true) {
                Object item;
                synchronized (this) {
                    item = closed ? null : queue.poll();
                    if (item == null) {
                        out.flush();
                        sending = false;
                        if (closed) {
                            complete();
                        }
                        return;
                    }
                }
                write(item);
            }
        } catch (IOException | IllegalStateException gone) {
            synchronized (this) {
                sending = false;
                close();
            }
        }
    }

    private void write(Object item) throws IOException {
        if (item instanceof LiveMessage message) {
            if (message.sequence() <= lastSent) {
                return;
            }
            lastSent = message.sequence();
            out.write(message.frame());
        } else {
            out.write((byte[]) item);
        }
    }

    /**
     * The container's response under the framework's wrappers: they would check, on every write of a stream that
     * lives for hours, whether the response is committed and how long it is (a quarter of the writes' cost).
     */
    private static ServletResponse containersOwn(ServletResponse response) {
        while (response instanceof ServletResponseWrapper wrapper) {
            response = wrapper.getResponse();
        }
        return response;
    }

    private void complete() {
        try {
            connection.complete();
        } catch (IllegalStateException alreadyOver) {
            // the container ended the request first (client gone, timeout)
        }
    }
}
