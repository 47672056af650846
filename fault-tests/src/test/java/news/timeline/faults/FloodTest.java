package news.timeline.faults;

import news.timeline.kafka.SharedKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Floods, with the services' own limits: one signed-in client posting from 32 threads as fast as it can gets
 * {@code 429} with {@code Retry-After} past its budget, while another editor's posts are answered as before; one
 * address opening stream after stream gets {@code 429} past its cap, while a reader elsewhere still gets a stream.
 */
class FloodTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final int FLOODERS = 32;
    private static final int MEASURED_POSTS = 100;
    /** The query service's {@code timeline.live.streams-per-address} by default. */
    private static final int STREAM_CAP = 32;

    @Test
    void aFloodingClientIsHeldToItsBudgetAndOthersAreServedThroughout(@TempDir Path dataDir) throws Exception {
        try (SeparateServices services = new SeparateServices(SeparateServices.Database.H2, dataDir,
                SharedKafka.bootstrapServers(), "flood-" + ServiceCrashTest.run(), SeparateServices.POSTGRES_URL,
                List.of()).start()) {
            String tid = "flood-" + ServiceCrashTest.run();
            assertThat(post(services, "editor", "/api/timelines", "{\"id\":\"" + tid + "\",\"title\":\"Flood\"}")
                    .statusCode()).isEqualTo(201);
            List<Long> before = timedPosts(services, tid);

            AtomicBoolean flooding = new AtomicBoolean(true);
            AtomicInteger accepted = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            AtomicInteger withoutRetryAfter = new AtomicInteger();
            AtomicInteger other = new AtomicInteger();
            List<Thread> flood = new ArrayList<>();
            for (int i = 0; i < FLOODERS; i++) {
                Thread thread = new Thread(() -> {
                    while (flooding.get()) {
                        HttpResponse<String> response = post(services, "editor2", "/api/timelines/" + tid
                                + "/updates", "{\"headline\":\"Flood\",\"blocks\":[]}");
                        if (response.statusCode() == 201) {
                            accepted.incrementAndGet();
                        } else if (response.statusCode() == 429) {
                            refused.incrementAndGet();
                            if (response.headers().firstValue("Retry-After").isEmpty()) {
                                withoutRetryAfter.incrementAndGet();
                            }
                        } else {
                            other.incrementAndGet();
                        }
                    }
                }, "flooder-" + i);
                flood.add(thread);
                thread.start();
            }
            List<Long> during;
            try {
                await("the flood over its budget").atMost(Duration.ofSeconds(60)).until(() -> refused.get() > 0);
                during = timedPosts(services, tid);
            } finally {
                flooding.set(false);
                for (Thread thread : flood) {
                    thread.join();
                }
            }
            System.out.printf("[fault] a flood of %d threads as one user: %d accepted, %d refused with 429, %d other;"
                    + " another editor's posts before it p50 %d ms p99 %d ms, during it p50 %d ms p99 %d ms%n",
                    FLOODERS, accepted.get(), refused.get(), other.get(), percentile(before, 50),
                    percentile(before, 99), percentile(during, 50), percentile(during, 99));
            assertThat(refused.get()).isPositive();
            assertThat(withoutRetryAfter.get()).isZero();
            assertThat(other.get()).isZero();
        }
    }

    @Test
    void oneAddressHoldsAtMostItsCapOfLiveStreamsAndReadersElsewhereStillGetTheirs(@TempDir Path dataDir)
            throws Exception {
        try (SeparateServices services = new SeparateServices(SeparateServices.Database.H2, dataDir,
                SharedKafka.bootstrapServers(), "streams-" + ServiceCrashTest.run()).start()) {
            String tid = "streams-" + ServiceCrashTest.run();
            assertThat(post(services, "editor", "/api/timelines", "{\"id\":\"" + tid + "\",\"title\":\"Streams\"}")
                    .statusCode()).isEqualTo(201);
            await().atMost(Duration.ofSeconds(60)).until(() -> Reckoning.lastSequence(services.queryUrl(), tid) == 0);
            URI query = URI.create(services.queryUrl());
            List<Socket> open = new ArrayList<>();
            try {
                for (int i = 0; i < STREAM_CAP; i++) {
                    open.add(stream(query, tid, "127.0.0.1"));
                    assertThat(status(open.get(i))).as("stream %d", i + 1).isEqualTo(200);
                }
                Socket over = stream(query, tid, "127.0.0.1");
                open.add(over);
                assertThat(status(over)).as("one past the cap").isEqualTo(429);
                Socket elsewhere = stream(query, tid, "127.0.0.2");
                open.add(elsewhere);
                assertThat(status(elsewhere)).as("a reader at another address").isEqualTo(200);
                System.out.printf("[fault] %d live streams from one address served, the next refused with 429,"
                        + " a reader at another address served%n", STREAM_CAP);
            } finally {
                for (Socket socket : open) {
                    socket.close();
                }
            }
        }
    }

    /** A stream request from {@code localAddress} (any of the loopback network's), its response left unread. */
    private static Socket stream(URI query, String tid, String localAddress) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(localAddress, 0));
        socket.connect(new InetSocketAddress(query.getHost(), query.getPort()), 5_000);
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(("GET /api/timelines/" + tid + "/stream HTTP/1.1\r\nHost: localhost\r\n"
                + "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    private static int status(Socket socket) throws IOException {
        String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                .readLine();
        return Integer.parseInt(statusLine.split(" ")[1]);
    }

    /** The other editor's posts, one after another: each must be answered 201; the time each took, in ms. */
    private static List<Long> timedPosts(SeparateServices services, String tid) {
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < MEASURED_POSTS; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = post(services, "editor", "/api/timelines/" + tid + "/updates",
                    "{\"headline\":\"Desk " + i + "\",\"blocks\":[]}");
            millis.add((System.nanoTime() - start) / 1_000_000);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        }
        return millis;
    }

    private static long percentile(List<Long> values, int percent) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, sorted.size() * percent / 100));
    }

    private static HttpResponse<String> post(SeparateServices services, String user, String path, String json) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(services.commandUrl() + path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Basic " + Base64.getEncoder()
                            .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)))
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
