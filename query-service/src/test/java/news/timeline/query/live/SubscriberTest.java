package news.timeline.query.live;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** One reader's queue: what counts against its capacity, and what it is sent, in which order. */
class SubscriberTest {

    private static final int CAPACITY = 5;
    private static final byte[] PREAMBLE = "retry: 3000\n\n".getBytes(StandardCharsets.US_ASCII);

    /** The sender pool, run by hand: a drain waits here until the test lets it run, as on a busy server. */
    private final Queue<Runnable> sender = new ArrayDeque<>();
    private final Socket socket = new Socket();
    private final AtomicBoolean dropped = new AtomicBoolean();
    private Subscriber subscriber;

    @BeforeEach
    void open() throws IOException {
        HttpServletResponse response = mock(HttpServletResponse.class);
        when(response.getOutputStream()).thenReturn(socket);
        AsyncContext connection = mock(AsyncContext.class);
        when(connection.getResponse()).thenReturn(response);
        subscriber = new Subscriber(connection, sender::add, CAPACITY, 0, new Subscriber.Events() {
            @Override
            public void closed(Subscriber subscriber) {
                // nothing kept here
            }

            @Override
            public void dropped(Subscriber subscriber) {
                dropped.set(true);
            }
        });
        socket.listener.onWritePossible();
    }

    @Test
    void aCatchUpLargerThanTheQueueIsNoBacklogAndComesFirst() {
        subscriber.push(message(11));
        subscriber.start(PREAMBLE, messages(1, 11));
        subscriber.push(message(12));
        subscriber.push(message(13));
        subscriber.flush();

        assertThat(dropped).as("a reader catching up is not too slow").isFalse();
        runSender();
        assertThat(socket.sent()).isEqualTo(new String(PREAMBLE, StandardCharsets.US_ASCII)
                + LongStream.rangeClosed(1, 13).mapToObj(SubscriberTest::frame).reduce("", String::concat));
    }

    @Test
    void aReaderWhoseLiveMessagesOutgrowTheQueueIsDropped() {
        subscriber.start(PREAMBLE, List.of());
        runSender();
        for (long sequence = 1; sequence <= CAPACITY; sequence++) {
            subscriber.push(message(sequence));
        }
        assertThat(dropped).isFalse();

        subscriber.push(message(CAPACITY + 1));
        assertThat(dropped).isTrue();
    }

    private void runSender() {
        for (Runnable drain = sender.poll(); drain != null; drain = sender.poll()) {
            drain.run();
        }
    }

    private static List<LiveMessage> messages(long from, long to) {
        return LongStream.rangeClosed(from, to).mapToObj(SubscriberTest::message).toList();
    }

    private static LiveMessage message(long sequence) {
        return LiveMessage.of(sequence, "UpdatePosted", "posted", "u" + sequence, false, "{\"n\":" + sequence + "}");
    }

    private static String frame(long sequence) {
        return "event: posted\nid: " + sequence + "\ndata: {\"n\":" + sequence + "}\n\n";
    }

    /** A socket that always takes what it is given. */
    private static final class Socket extends ServletOutputStream {

        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private WriteListener listener;

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener writeListener) {
            listener = writeListener;
        }

        @Override
        public void write(int b) {
            bytes.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
        }

        String sent() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
