package news.timeline.bench;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.BitSet;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Post-to-reader freshness: {@code streams} readers hold the timeline's Server-Sent Events stream open while an
 * editor posts {@code rate} updates a second; for every reader and every post, the time from the moment the post
 * was sent to the moment that reader received it. The readers are plain non-blocking sockets on one thread that
 * only scan the bytes for each post's mark, so the client costs as little as it can next to the server on the same
 * machine. A reader the service drops (it fell too far behind) reconnects with {@code Last-Event-ID} after the
 * stream's reconnection time, as a browser's EventSource does, and its late posts count with their whole delay:
 * the load stays at {@code streams} readers. Prints one {@code name=value} line per figure.
 *
 * <p>Arguments: commandUrl queryUrl timelineId streams rate warmupSeconds measureSeconds
 */
public final class LiveFreshness {

    /** Each post's headline is {@code bench-N}; its rendered article carries {@code >bench-N<}. */
    private static final String MARK = ">bench-";
    /** The stream's reconnection time, in its first bytes. */
    private static final String RETRY = "retry:";
    private static final Pattern SEQUENCE = Pattern.compile("\"sequence\":(\\d+)");

    private final Histogram freshness = new Histogram(TimeUnit.SECONDS.toMicros(120), 3);
    /** The command's own share: from sending a measured post to its answer (written by the HTTP client's threads). */
    private final Histogram postAnswers = new SynchronizedHistogram(TimeUnit.SECONDS.toMicros(120), 3);
    /** Why posts failed (status or exception), and how many times each. */
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private long deliveries;
    /** Posts a reader received twice (a reconnect resumed before what it had already seen): the server's figure
     *  would be 0, the client's resumes from the last post whose sequence it knew. */
    private long redelivered;
    private int dropped;
    /** Of those, the ones dropped while the measured posts were being sent (the others went in the warm-up). */
    private int droppedMeasuring;
    private volatile int measureFrom = Integer.MAX_VALUE;
    /** When post N was sent (System.nanoTime), 0 until it is. */
    private AtomicLongArray sentAt;
    /** The event sequence the command answered post N with, 0 until it did: where a reconnect resumes. */
    private AtomicLongArray sequenceOf;
    private long sequenceBeforePosts;
    private InetSocketAddress streamAddress;
    private String streamRequest;
    private Selector selector;
    /** Dropped readers waiting for their reconnection time, the soonest first. */
    private final PriorityQueue<Reader> reconnecting =
            new PriorityQueue<>(Comparator.comparingLong((Reader reader) -> reader.reconnectAt));
    /** When the first and the last reader received post N: the path to the service's first write, and the fan-out. */
    private long[] firstSeenAt;
    private long[] lastSeenAt;

    public static void main(String[] args) throws Exception {
        new LiveFreshness().run(URI.create(args[0]), URI.create(args[1]), args[2], Integer.parseInt(args[3]),
                Integer.parseInt(args[4]), Integer.parseInt(args[5]), Integer.parseInt(args[6]));
    }

    private void run(URI command, URI query, String timelineId, int streams, int rate, int warmupSeconds,
                     int measureSeconds) throws Exception {
        selector = Selector.open();
        streamAddress = new InetSocketAddress(query.getHost(), query.getPort());
        streamRequest = "GET /api/timelines/" + timelineId + "/stream HTTP/1.1\r\nHost: " + query.getHost()
                + "\r\nAccept: text/event-stream\r\n";
        sequenceBeforePosts = Long.parseLong(HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(query.resolve("/api/timelines/" + timelineId)).build(),
                HttpResponse.BodyHandlers.discarding()).headers().firstValue("Timeline-Sequence").orElseThrow());
        int total = rate * (warmupSeconds + measureSeconds);
        for (int i = 0; i < streams; i++) {
            connect(new Reader(total), null);
        }

        int warmup = rate * warmupSeconds;
        sentAt = new AtomicLongArray(total);
        sequenceOf = new AtomicLongArray(total);
        firstSeenAt = new long[total];
        lastSeenAt = new long[total];
        measureFrom = warmup;
        AtomicInteger failed = new AtomicInteger();
        CountDownLatch answered = new CountDownLatch(total);
        post(command, timelineId, rate, total, failed, answered);

        long expected = (long) (total - warmup) * streams;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmupSeconds + measureSeconds + 30L);
        ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 16);
        byte[] bytes = new byte[(1 << 16) + 64];
        while (deliveries < expected && System.nanoTime() < end) {
            selector.select(100);
            reconnectDue();
            for (SelectionKey key : selector.selectedKeys()) {
                read((SocketChannel) key.channel(), (Reader) key.attachment(), key, buffer, bytes);
            }
            selector.selectedKeys().clear();
        }
        answered.await(10, TimeUnit.SECONDS);

        print("freshness.streams", streams);
        print("freshness.posts_per_s", rate);
        print("freshness.posts_measured", total - warmup);
        print("freshness.posts_failed", failed.get());
        failures.forEach((reason, count) -> print("freshness.posts_failed.reason", count + " x " + reason));
        print("freshness.deliveries_expected", expected);
        print("freshness.deliveries_received", deliveries);
        print("freshness.streams_dropped", dropped);
        print("freshness.streams_dropped_while_measuring", droppedMeasuring);
        print("freshness.redelivered", redelivered);
        print("freshness.p50_ms", millis(freshness.getValueAtPercentile(50)));
        print("freshness.p90_ms", millis(freshness.getValueAtPercentile(90)));
        print("freshness.p99_ms", millis(freshness.getValueAtPercentile(99)));
        print("freshness.max_ms", millis(freshness.getMaxValue()));
        print("freshness.post_answered_p50_ms", millis(postAnswers.getValueAtPercentile(50)));
        print("freshness.post_answered_p99_ms", millis(postAnswers.getValueAtPercentile(99)));
        Histogram firstReader = new Histogram(TimeUnit.SECONDS.toMicros(120), 3);
        Histogram fanOut = new Histogram(TimeUnit.SECONDS.toMicros(120), 3);
        for (int n = warmup; n < total; n++) {
            if (firstSeenAt[n] != 0) {
                firstReader.recordValue(micros(firstSeenAt[n] - sentAt.get(n)));
                fanOut.recordValue(micros(lastSeenAt[n] - firstSeenAt[n]));
            }
        }
        print("freshness.first_reader_p50_ms", millis(firstReader.getValueAtPercentile(50)));
        print("freshness.first_reader_p99_ms", millis(firstReader.getValueAtPercentile(99)));
        print("freshness.first_to_last_reader_p50_ms", millis(fanOut.getValueAtPercentile(50)));
        print("freshness.first_to_last_reader_p99_ms", millis(fanOut.getValueAtPercentile(99)));
        System.exit(0);
    }

    /** An editor posting at a fixed rate; each post remembers when it was sent. */
    private void post(URI command, String timelineId, int rate, int total, AtomicInteger failed,
                      CountDownLatch answered) {
        HttpClient editor = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String auth = "Basic " + Base64.getEncoder().encodeToString("editor:editor".getBytes(StandardCharsets.UTF_8));
        URI updates = command.resolve("/api/timelines/" + timelineId + "/updates");
        AtomicInteger next = new AtomicInteger();
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        clock.scheduleAtFixedRate(() -> {
            int n = next.getAndIncrement();
            if (n >= total) {
                clock.shutdown();
                return;
            }
            sentAt.set(n, System.nanoTime());
            editor.sendAsync(HttpRequest.newBuilder(updates)
                            .header("Authorization", auth).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"headline\":\"bench-" + n
                                    + "\",\"blocks\":[{\"type\":\"paragraph\",\"text\":\"Update number " + n
                                    + " of the benchmark, with a sentence or two of text as a live update has.\"}]}"))
                            .build(), HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, error) -> {
                        if (error != null || response.statusCode() != 201) {
                            failed.incrementAndGet();
                            failures.merge(error != null ? error.toString() : "HTTP " + response.statusCode(), 1,
                                    Integer::sum);
                        } else {
                            long answeredAt = System.nanoTime();
                            Matcher sequence = SEQUENCE.matcher(response.body());
                            if (sequence.find()) {
                                sequenceOf.set(n, Long.parseLong(sequence.group(1)));
                            }
                            if (n >= measureFrom) {
                                postAnswers.recordValue(TimeUnit.NANOSECONDS.toMicros(answeredAt - sentAt.get(n)));
                            }
                        }
                        answered.countDown();
                    });
        }, 0, 1_000_000 / rate, TimeUnit.MICROSECONDS);
    }

    /** Opens a reader's stream, resuming after {@code lastEventId} when it is a reconnect. */
    private void connect(Reader reader, Long lastEventId) throws IOException {
        SocketChannel channel = SocketChannel.open(streamAddress);
        String request = streamRequest + (lastEventId == null ? "" : "Last-Event-ID: " + lastEventId + "\r\n") + "\r\n";
        channel.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
        channel.configureBlocking(false);
        channel.register(selector, SelectionKey.OP_READ, reader);
        reader.retryRead = false;
    }

    private void read(SocketChannel channel, Reader reader, SelectionKey key, ByteBuffer buffer, byte[] bytes)
            throws IOException {
        int read;
        try {
            buffer.clear();
            read = channel.read(buffer);
        } catch (IOException reset) {
            read = -1;
        }
        long now = System.nanoTime();
        if (read < 0) {
            key.cancel();
            channel.close();
            dropped(reader);
            return;
        }
        System.arraycopy(reader.tail, 0, bytes, 0, reader.length);
        buffer.flip();
        buffer.get(bytes, reader.length, read);
        int length = reader.length + read;
        reader.keep(bytes, scan(reader, bytes, length, now), length);
    }

    /**
     * The service dropped the reader: it comes back as a browser's EventSource does, after the reconnection time
     * the stream gave ({@code retry}), resuming after the last post it saw whose sequence is known.
     */
    private void dropped(Reader reader) {
        dropped++;
        if (measureFrom < sentAt.length() && sentAt.get(measureFrom) != 0) {
            droppedMeasuring++;
        }
        reader.length = 0;
        reader.reconnectAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(reader.retryMillis);
        reconnecting.add(reader);
    }

    private void reconnectDue() throws IOException {
        long now = System.nanoTime();
        while (!reconnecting.isEmpty() && reconnecting.peek().reconnectAt <= now) {
            Reader reader = reconnecting.poll();
            long resumeAfter = sequenceBeforePosts;
            for (int n = reader.seen.previousSetBit(reader.seen.length()); n >= 0;
                 n = reader.seen.previousSetBit(n - 1)) {
                if (sequenceOf.get(n) != 0) {
                    resumeAfter = sequenceOf.get(n);
                    break;
                }
            }
            connect(reader, resumeAfter);
        }
    }

    /**
     * Counts every complete {@code >bench-N<} in the bytes read and answers where the next read must resume from:
     * an incomplete mark at the end, or the last bytes that may start one, never a mark already counted. The bytes
     * are searched as a Latin-1 string, whose {@code indexOf} the JVM runs as vector instructions: the client
     * reads some 200 MB a second at 1,000 streams and 100 posts/s, on the cores the service needs too.
     */
    private int scan(Reader reader, byte[] bytes, int length, long now) {
        String text = new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
        int retry = reader.retryRead ? -1 : text.indexOf(RETRY);
        int retryEnd = retry < 0 ? -1 : text.indexOf('\n', retry);
        if (retryEnd > 0) {
            reader.retryMillis = Long.parseLong(text.substring(retry + RETRY.length(), retryEnd).strip());
            reader.retryRead = true;
        }
        int resume = Math.max(0, length - (MARK.length() - 1));
        for (int i = text.indexOf(MARK); i >= 0; i = text.indexOf(MARK, i)) {
            int n = 0;
            int j = i + MARK.length();
            while (j < length && bytes[j] >= '0' && bytes[j] <= '9') {
                n = n * 10 + (bytes[j++] - '0');
            }
            if (j >= length) {
                return i;
            }
            long sent = n < sentAt.length() ? sentAt.get(n) : 0;
            if (sent != 0 && reader.seen.get(n)) {
                redelivered++;
            } else if (sent != 0) {
                reader.seen.set(n);
                if (n >= measureFrom) {
                    delivered(n, now - sent, now);
                }
            }
            i = j;
            resume = Math.max(resume, j);
        }
        return Math.min(resume, length);
    }

    private void delivered(int n, long nanos, long now) {
        freshness.recordValue(micros(nanos));
        deliveries++;
        if (firstSeenAt[n] == 0) {
            firstSeenAt[n] = now;
        }
        lastSeenAt[n] = now;
    }

    private long micros(long nanos) {
        return Math.min(TimeUnit.NANOSECONDS.toMicros(nanos), freshness.getHighestTrackableValue());
    }

    private static String millis(long micros) {
        return String.format("%.1f", micros / 1000.0);
    }

    private static void print(String name, Object value) {
        System.out.println(name + "=" + value);
    }

    /**
     * One reader: the posts it has received, and the last bytes of its last read, which may hold the start of a
     * mark that the next read completes.
     */
    private static final class Reader {
        private final BitSet seen;
        private final byte[] tail = new byte[32];
        private int length;
        /** What a browser waits before reconnecting until the stream says otherwise (Chrome's default). */
        private long retryMillis = 3000;
        private long reconnectAt;
        /** Whether this connection's reconnection time was read (it comes first, once). */
        private boolean retryRead;

        Reader(int posts) {
            seen = new BitSet(posts);
        }

        void keep(byte[] bytes, int from, int end) {
            length = Math.min(tail.length, end - from);
            System.arraycopy(bytes, end - length, tail, 0, length);
        }
    }
}
