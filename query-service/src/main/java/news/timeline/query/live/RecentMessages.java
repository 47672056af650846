package news.timeline.query.live;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The messages of a timeline's latest events, kept as a catch-up from the database would render them now, so that
 * readers who reconnect together (a deploy, a network blip, a server that fell behind and dropped them) catch up
 * from memory instead of each rendering hundreds of updates again: a storm of those is what turns a server that
 * fell behind into one that never catches up. Callers hold this object's lock, together with pushing the same
 * events to the timeline's readers, so that a reader opened under it misses nothing and gets nothing twice.
 */
final class RecentMessages {

    private final int capacity;
    private final Deque<LiveMessage> messages = new ArrayDeque<>();
    /** Every event after this sequence is here (if readers are pushed it). */
    private long completeAfter;
    private long lastRead = System.nanoTime();

    /** Kept from the event after {@code lastApplied} on: every later one is to be {@link #applied}. */
    RecentMessages(int capacity, long lastApplied) {
        this.capacity = capacity;
        this.completeAfter = lastApplied;
    }

    /** An event applied to the timeline, with its message if readers are pushed one. */
    void applied(long sequence, Optional<LiveMessage> message) {
        message.ifPresent(messages::addLast);
        while (messages.size() > capacity) {
            completeAfter = messages.removeFirst().sequence();
        }
    }

    /**
     * Renders again the messages that {@code stale} picks, as they are now: the update they show was edited,
     * retracted, pinned or unpinned since. A message whose update is gone (never, as updates stay) is left out.
     */
    void refresh(Predicate<LiveMessage> stale, Function<LiveMessage, Optional<LiveMessage>> render) {
        if (messages.stream().noneMatch(stale)) {
            return;
        }
        List<LiveMessage> refreshed = new ArrayList<>(messages.size());
        for (LiveMessage message : messages) {
            if (stale.test(message)) {
                render.apply(message).ifPresent(refreshed::add);
            } else {
                refreshed.add(message);
            }
        }
        messages.clear();
        messages.addAll(refreshed);
    }

    /** The messages after {@code lastSeen}, in order; empty if some of them are no longer (or never were) here. */
    Optional<List<LiveMessage>> after(long lastSeen) {
        read(System.nanoTime());
        if (lastSeen < completeAfter) {
            return Optional.empty();
        }
        return Optional.of(messages.stream().filter(message -> message.sequence() > lastSeen).toList());
    }

    /** Readers are on the timeline at {@code now} (System.nanoTime). */
    void read(long now) {
        lastRead = now;
    }

    /** When readers were last seen: a timeline no one has read for a while stops being kept. */
    long lastRead() {
        return lastRead;
    }
}
