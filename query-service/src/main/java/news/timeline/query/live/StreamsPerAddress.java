package news.timeline.query.live;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How many live streams each client address holds open, at most {@code timeline.live.streams-per-address}: one
 * client opening streams in a loop cannot take the connections and memory meant for every other reader. Behind a
 * proxy or CDN the address is the proxy's unless forwarded addresses are trusted
 * ({@code server.forward-headers-strategy}); raise the cap there.
 */
@Component
class StreamsPerAddress {

    private final Map<String, Integer> open = new ConcurrentHashMap<>();
    private final int cap;

    StreamsPerAddress(@Value("${timeline.live.streams-per-address:32}") int cap) {
        this.cap = cap;
    }

    int cap() {
        return cap;
    }

    /** Counts a stream opened from {@code address}; false, counting nothing, when it holds its cap already. */
    boolean tryOpen(String address) {
        AtomicBoolean opened = new AtomicBoolean();
        open.compute(address, (key, streams) -> {
            int now = streams == null ? 0 : streams;
            if (now >= cap) {
                return streams;
            }
            opened.set(true);
            return now + 1;
        });
        return opened.get();
    }

    void closed(String address) {
        open.computeIfPresent(address, (key, streams) -> streams <= 1 ? null : streams - 1);
    }
}
