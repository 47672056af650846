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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Post-to-reader freshness: {@code streams} readers hold the timeline's Server-Sent Events stream open while an
 * editor posts {@code rate} updates a second; for every reader and every post, the time from the moment the post
 * was sent to the moment that reader received it. The readers are plain non-blocking sockets on one thread that
 * only scan the bytes for each post's mark, so the client costs as little as it can next to the server on the same
 * machine. Prints one {@code name=value} line per figure.
 *
 * <p>Arguments: commandUrl queryUrl timelineId streams rate warmupSeconds measureSeconds
 */
public final class LiveFreshness {

    /** Each post's headline is {@code bench-N}; its rendered article carries {@code >bench-N<}. */
    private static final byte[] MARK = ">bench-".getBytes(StandardCharsets.US_ASCII);

    private final Histogram freshness = new Histogram(TimeUnit.SECONDS.toMicros(120), 3);
    /** The command's own share: from sending a measured post to its answer (written by the HTTP client's threads). */
    private final Histogram postAnswers = new SynchronizedHistogram(TimeUnit.SECONDS.toMicros(120), 3);
    /** Why posts failed (status or exception), and how many times each. */
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private long deliveries;
    private int dropped;
    private volatile int measureFrom = Integer.MAX_VALUE;
    /** When post N was sent (System.nanoTime), 0 until it is. */
    private AtomicLongArray sentAt;
    /** When the first and the last reader received post N: the path to the service's first write, and the fan-out. */
    private long[] firstSeenAt;
    private long[] lastSeenAt;

    public static void main(String[] args) throws Exception {
        new LiveFreshness().run(URI.create(args[0]), URI.create(args[1]), args[2], Integer.parseInt(args[3]),
                Integer.parseInt(args[4]), Integer.parseInt(args[5]), Integer.parseInt(args[6]));
    }

    private void run(URI command, URI query, String timelineId, int streams, int rate, int warmupSeconds,
                     int measureSeconds) throws Exception {
        Selector selector = Selector.open();
        byte[] request = ("GET /api/timelines/" + timelineId + "/stream HTTP/1.1\r\nHost: " + query.getHost()
                + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < streams; i++) {
            SocketChannel channel = SocketChannel.open(new InetSocketAddress(query.getHost(), query.getPort()));
            channel.write(ByteBuffer.wrap(request));
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ, new Carry());
        }

        int total = rate * (warmupSeconds + measureSeconds);
        int warmup = rate * warmupSeconds;
        sentAt = new AtomicLongArray(total);
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
            for (SelectionKey key : selector.selectedKeys()) {
                read((SocketChannel) key.channel(), (Carry) key.attachment(), key, buffer, bytes);
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
                            .build(), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, error) -> {
                        if (error != null || response.statusCode() != 201) {
                            failed.incrementAndGet();
                            failures.merge(error != null ? error.toString() : "HTTP " + response.statusCode(), 1,
                                    Integer::sum);
                        } else if (n >= measureFrom) {
                            postAnswers.recordValue(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - sentAt.get(n)));
                        }
                        answered.countDown();
                    });
        }, 0, 1_000_000 / rate, TimeUnit.MICROSECONDS);
    }

    private void read(SocketChannel channel, Carry carry, SelectionKey key, ByteBuffer buffer, byte[] bytes) {
        try {
            buffer.clear();
            int read = channel.read(buffer);
            long now = System.nanoTime();
            if (read < 0) {
                dropped++;
                key.cancel();
                channel.close();
                return;
            }
            System.arraycopy(carry.tail, 0, bytes, 0, carry.length);
            buffer.flip();
            buffer.get(bytes, carry.length, read);
            int length = carry.length + read;
            carry.keep(bytes, scan(bytes, length, now), length);
        } catch (IOException e) {
            dropped++;
            key.cancel();
        }
    }

    /**
     * Counts every complete {@code >bench-N<} in the bytes read and answers where the next read must resume from:
     * an incomplete mark at the end, or the last bytes that may start one, never a mark already counted.
     */
    private int scan(byte[] bytes, int length, long now) {
        int resume = Math.max(0, length - (MARK.length - 1));
        for (int i = 0; i + MARK.length < length; i++) {
            if (!matches(bytes, i)) {
                continue;
            }
            int n = 0;
            int j = i + MARK.length;
            while (j < length && bytes[j] >= '0' && bytes[j] <= '9') {
                n = n * 10 + (bytes[j++] - '0');
            }
            if (j >= length) {
                return i;
            }
            long sent = n < sentAt.length() ? sentAt.get(n) : 0;
            if (sent != 0 && n >= measureFrom) {
                freshness.recordValue(micros(now - sent));
                deliveries++;
                if (firstSeenAt[n] == 0) {
                    firstSeenAt[n] = now;
                }
                lastSeenAt[n] = now;
            }
            i = j;
            resume = Math.max(resume, j);
        }
        return Math.min(resume, length);
    }

    private static boolean matches(byte[] bytes, int at) {
        for (int k = 0; k < MARK.length; k++) {
            if (bytes[at + k] != MARK[k]) {
                return false;
            }
        }
        return true;
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

    /** The last bytes of a read, which may hold the start of a mark that the next read completes. */
    private static final class Carry {
        private final byte[] tail = new byte[32];
        private int length;

        void keep(byte[] bytes, int from, int end) {
            length = Math.min(tail.length, end - from);
            System.arraycopy(bytes, end - length, tail, 0, length);
        }
    }
}
