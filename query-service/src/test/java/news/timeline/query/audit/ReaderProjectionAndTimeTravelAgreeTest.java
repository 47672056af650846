package news.timeline.query.audit;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import news.timeline.events.Block;
import news.timeline.events.Change;
import news.timeline.events.ChangeKind;
import news.timeline.events.Content;
import news.timeline.events.EventEnvelope;
import news.timeline.events.TimelineClosed;
import news.timeline.events.TimelineEvent;
import news.timeline.events.TimelineOpened;
import news.timeline.events.TimelineReopened;
import news.timeline.events.TimelineRetitled;
import news.timeline.events.UpdateEdited;
import news.timeline.events.UpdatePinned;
import news.timeline.events.UpdatePosted;
import news.timeline.events.UpdateRetracted;
import news.timeline.events.UpdateUnpinned;
import news.timeline.query.ProjectionDatabase;
import news.timeline.query.timeline.TimelinePage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same events are folded twice on the query side: into the reader projection's tables (SQL, in batches, a change
 * folded into a post of the same batch) and into {@link TimelineAsOf} (in memory, one at a time). For generated
 * histories of a timeline, as the command side allows them, both give the same timeline after every batch, whole
 * and cut into pages.
 */
class ReaderProjectionAndTimeTravelAgreeTest {

    /** One database for every try: each history is a timeline of its own. */
    private static final ProjectionDatabase DATABASE = ProjectionDatabase.h2();
    /** Short pages, so that most histories fill several. */
    private static final int PAGE = 7;

    /** What happens to a timeline, as numbers: each action's kind and target; and how its events are batched. */
    record History(List<Integer> actions, List<Integer> batchSizes) {
    }

    @Provide
    Arbitrary<History> histories() {
        return Combinators.combine(
                Arbitraries.integers().between(0, 10_000).list().ofMinSize(1).ofMaxSize(80),
                Arbitraries.integers().between(1, 15).list().ofMinSize(1).ofMaxSize(30)).as(History::new);
    }

    @Property(tries = 150)
    void theReaderProjectionAndTheTimeTravelFoldGiveTheSameTimeline(@ForAll("histories") History history) {
        List<EventEnvelope> events = new Newsroom("t-" + UUID.randomUUID()).act(history.actions());
        TimelineAsOf asOf = new TimelineAsOf();
        int applied = 0;
        for (int batch = 0; applied < events.size(); batch++) {
            int size = history.batchSizes().get(batch % history.batchSizes().size());
            List<EventEnvelope> next = events.subList(applied, Math.min(events.size(), applied + size));
            DATABASE.apply(next);
            next.forEach(asOf::apply);
            applied += next.size();

            String timelineId = events.get(0).timelineId();
            TimelinePage projected = DATABASE.reader().page(timelineId, null, 10_000).orElseThrow();
            assertThat(projected).as("after %d events", applied).usingRecursiveComparison().isEqualTo(asOf.page());
            Long before = null;
            do {
                TimelinePage readersPage = DATABASE.reader().page(timelineId, before, PAGE).orElseThrow();
                assertThat(asOf.page(before, PAGE)).as("after %d events, the page before %s", applied, before)
                        .usingRecursiveComparison().isEqualTo(readersPage);
                before = readersPage.next();
            } while (before != null);
        }
    }

    /**
     * Turns numbers into a timeline's events as the command side would accept them: only live updates are edited,
     * retracted or pinned, a retracted or replaced pin is unpinned first, nothing is posted to a closed timeline.
     */
    private static final class Newsroom {

        private final String timelineId;
        private final List<EventEnvelope> events = new ArrayList<>();
        private final List<String> live = new ArrayList<>();
        private final Map<String, Integer> revisions = new HashMap<>();
        private Instant clock = Instant.parse("2015-05-07T21:00:00Z");
        private String pinned;
        private boolean closed;
        private int posted;

        Newsroom(String timelineId) {
            this.timelineId = timelineId;
            add(new TimelineOpened(timelineId, "General election", "Results as they come in"), 0);
        }

        List<EventEnvelope> act(List<Integer> actions) {
            actions.forEach(this::act);
            return events;
        }

        private void act(int action) {
            int kind = action % 8;
            int pick = action / 8;
            if (kind >= 2 && kind <= 4 && live.isEmpty() || kind <= 1 && closed) {
                kind = closed ? 6 : 0;
            }
            String target = live.isEmpty() ? null : live.get(pick % live.size());
            switch (kind) {
                case 0, 1 -> post(pick);
                case 2 -> add(new UpdateEdited(timelineId, target, next(target), content(pick),
                        new Change(ChangeKind.values()[pick % ChangeKind.values().length],
                                pick % 3 == 0 ? null : "note " + pick)), pick);
                case 3 -> {
                    if (target.equals(pinned)) {
                        unpin(pick);
                    }
                    live.remove(target);
                    add(new UpdateRetracted(timelineId, target, next(target), "reason " + pick,
                            "Withdrawn " + pick), pick);
                }
                case 4 -> {
                    if (!target.equals(pinned)) {
                        if (pinned != null) {
                            unpin(pick);
                        }
                        pinned = target;
                        add(new UpdatePinned(timelineId, target), pick);
                    }
                }
                case 5 -> {
                    if (pinned != null) {
                        unpin(pick);
                    }
                }
                case 6 -> {
                    closed = !closed;
                    add(closed ? new TimelineClosed(timelineId) : new TimelineReopened(timelineId), pick);
                }
                default -> add(new TimelineRetitled(timelineId, "General election " + pick,
                        pick % 2 == 0 ? "" : "Results " + pick), pick);
            }
        }

        private void post(int pick) {
            String updateId = "u" + ++posted;
            live.add(updateId);
            revisions.put(updateId, 1);
            add(new UpdatePosted(timelineId, updateId, content(pick), pick % 3 == 0 ? "Staff " + pick : null), pick);
        }

        private void unpin(int pick) {
            add(new UpdateUnpinned(timelineId, pinned), pick);
            pinned = null;
        }

        private int next(String updateId) {
            return revisions.merge(updateId, 1, Integer::sum);
        }

        private static Content content(int pick) {
            List<Block> blocks = new ArrayList<>(List.of(new Block.Paragraph("Paragraph " + pick)));
            if (pick % 4 == 1) {
                blocks.add(new Block.Quote("“Quoted” " + pick, "Speaker"));
            }
            if (pick % 5 == 2) {
                blocks.add(new Block.Image("https://example.org/" + pick + ".jpg", "Caption", "Credit", "Alt"));
            }
            return new Content(pick % 6 == 0 ? null : "Headline " + pick, blocks, pick % 7 == 0);
        }

        /** Events a few microseconds to a few minutes apart, as the database keeps instants to the microsecond. */
        private void add(TimelineEvent event, int pick) {
            clock = clock.plusNanos(1_000L * (1 + (long) pick * 977 % 200_000_000));
            String previousHash = events.isEmpty() ? null : events.get(events.size() - 1).hash();
            events.add(EventEnvelope.of(UUID.randomUUID().toString(), events.size(), clock,
                    pick % 2 == 0 ? "editor" : "desk", event).chainedTo(previousHash));
        }
    }
}
