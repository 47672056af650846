package news.timeline.query.live;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.ServletResponseWrapper;
import jakarta.servlet.WriteListener;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * One reader's stream. Messages queue here; whenever {@link LiveStreams} flushes, a shared sender pool writes
 * what has queued, one drain at a time per reader and one write per drain, so that a busy timeline costs one
 * write per reader per flush interval rather than one per event. Writes never block: when the reader's socket is
 * full the drain stops and the container calls {@link Listener#onWritePossible} once it can take more, so a reader
 * that stops reading never holds a sender thread. One whose queue outgrows {@code capacity} is too slow to keep
 * and is dropped, its connection cut: its browser reconnects with Last-Event-ID and catches up from the database.
 * Live messages that arrive before {@link #start} wait behind the catch-up, and whatever the catch-up already sent
 * is skipped: no gap, no duplicate.
 */
final class Subscriber {

    private static final byte[] HEARTBEAT = ": heartbeat\n\n".getBytes(StandardCharsets.UTF_8);
    /**
     * Where a sender thread joins a reader's frames for one write. The frames are the same for every reader; joined
     * into an array of each reader's own, they were nearly all the garbage a busy night made, and collecting it
     * paused every stream. A stream keeps nothing of the array it is given (the container copies what the socket
     * did not take), so the next reader's frames go in the same one.
     */
    private static final ThreadLocal<byte[]> JOINED = ThreadLocal.withInitial(() -> new byte[64 * 1024]);

    private final AsyncContext connection;
    private final ServletOutputStream out;
    private final Executor sender;
    private final int capacity;
    private final Events events;
    private final Deque<Object> queue = new ArrayDeque<>();
    private boolean started;
    /** A drain is scheduled or running. */
    private boolean draining;
    /** The socket was full: the container's call to {@link Listener#onWritePossible} goes on. */
    private boolean awaitingWritable;
    private boolean closed;
    /** Too slow to keep: its connection is cut, not ended as a response (that would wait to write the rest). */
    private boolean dropped;
    private long lastSent;

    /** What becomes of a stream: it ended, or it was dropped and its connection has to be cut. */
    interface Events {

        void closed(Subscriber subscriber);

        void dropped(Subscriber subscriber);
    }

    Subscriber(AsyncContext connection, Executor sender, int capacity, long lastSeen, Events events)
            throws IOException {
        this.connection = connection;
        this.out = containersOwn(connection.getResponse()).getOutputStream();
        this.sender = sender;
        this.capacity = capacity;
        this.lastSent = lastSeen;
        this.events = events;
        // the container's first call to onWritePossible starts the writes
        this.awaitingWritable = true;
        out.setWriteListener(new Listener());
    }

    /**
     * Sends {@code preamble} (stream fields such as the reconnection time), the messages the reader missed, then
     * everything live that queued up meanwhile. The catch-up goes as one item, however many messages it holds: it
     * is the reader's backlog from before, not one that grows, and counted message by message against
     * {@code capacity} it dropped every reader who missed more than that at the next event, before the catch-up
     * was even written, and again at each reconnect, further behind each time.
     */
    synchronized void start(byte[] preamble, List<LiveMessage> missed) {
        List<byte[]> frames = new ArrayList<>(missed.size() + 1);
        frames.add(preamble);
        for (LiveMessage message : missed) {
            if (message.sequence() > lastSent) {
                frames.add(message.frame());
                lastSent = message.sequence();
            }
        }
        queue.addFirst(join(frames, new byte[length(frames)]));
        started = true;
        schedule();
    }

    /** Joins the timeline's readers unless already closed (a reader who left while waiting to catch up). */
    synchronized void joinUnlessClosed(Set<Subscriber> readers) {
        if (!closed) {
            readers.add(this);
        }
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
            events.closed(this);
            if (!draining) {
                complete();
            }
        }
    }

    private void enqueue(Object item) {
        if (closed) {
            return;
        }
        if (queue.size() >= capacity) {
            dropped = true;
            close();
            events.dropped(this);
            return;
        }
        queue.add(item);
    }

    private void schedule() {
        if (started && !draining && !awaitingWritable && !closed && !queue.isEmpty()) {
            draining = true;
            sender.execute(this::drain);
        }
    }

    private void drain() {
        try {
            while (true) {
                List<byte[]> queued;
                synchronized (this) {
                    if (closed) {
                        draining = false;
                        complete();
                        return;
                    }
                    if (!out.isReady()) {
                        draining = false;
                        awaitingWritable = true;
                        return;
                    }
                    queued = takeQueued();
                    if (queued.isEmpty()) {
                        draining = false;
                        return;
                    }
                }
                write(queued);
            }
        } catch (IOException | IllegalStateException gone) {
            synchronized (this) {
                draining = false;
                close();
            }
        }
    }

    /** Everything queued; messages that the catch-up already sent are left out. */
    private List<byte[]> takeQueued() {
        List<byte[]> frames = new ArrayList<>(queue.size());
        for (Object item = queue.poll(); item != null; item = queue.poll()) {
            if (item instanceof LiveMessage message) {
                if (message.sequence() <= lastSent) {
                    continue;
                }
                lastSent = message.sequence();
                item = message.frame();
            }
            frames.add((byte[]) item);
        }
        return frames;
    }

    /**
     * As one write: the stream has no buffer of its own (see {@link LiveController}), so that no bytes wait in it
     * for a flush, and each write is a system call.
     */
    private void write(List<byte[]> frames) throws IOException {
        if (frames.size() == 1) {
            out.write(frames.get(0));
            return;
        }
        int length = length(frames);
        byte[] joined = JOINED.get();
        out.write(join(frames, length <= joined.length ? joined : new byte[length]), 0, length);
    }

    private static int length(List<byte[]> frames) {
        return frames.stream().mapToInt(frame -> frame.length).sum();
    }

    private static byte[] join(List<byte[]> frames, byte[] into) {
        int at = 0;
        for (byte[] frame : frames) {
            System.arraycopy(frame, 0, into, at, frame.length);
            at += frame.length;
        }
        return into;
    }

    /** The container's calls, on its I/O thread: the socket takes writes again, or the connection failed. */
    private final class Listener implements WriteListener {

        @Override
        public void onWritePossible() {
            synchronized (Subscriber.this) {
                awaitingWritable = false;
                schedule();
            }
        }

        @Override
        public void onError(Throwable failure) {
            close();
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
        if (dropped) {
            return;
        }
        try {
            connection.complete();
        } catch (IllegalStateException alreadyOver) {
            // the container ended the request first (client gone, timeout)
        }
    }
}
