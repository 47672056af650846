package news.timeline.query.audit;

import news.timeline.events.EventEnvelope;
import news.timeline.events.TimelineClosed;
import news.timeline.events.TimelineEvent;
import news.timeline.events.TimelineOpened;
import news.timeline.events.TimelineReopened;
import news.timeline.events.TimelineRetitled;
import news.timeline.events.UpdateEdited;
import news.timeline.events.UpdateErased;
import news.timeline.events.UpdateEvent;
import news.timeline.events.UpdatePinned;
import news.timeline.events.UpdatePosted;
import news.timeline.events.UpdateRetracted;
import news.timeline.events.UpdateUnpinned;
import news.timeline.query.timeline.PageCut;
import news.timeline.query.timeline.TimelinePage;
import news.timeline.query.timeline.UpdateView;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A timeline rebuilt from its events up to an instant, the way readers saw it then: titles, pins, key events, text
 * as it stood before later corrections, updates retracted later still live, and those retracted by then as
 * tombstones. Fed the events in order, one at a time. An update erased by law (at any time, later too) is a tombstone
 * with its erasure's public note at every instant: its words are not in the log any more.
 */
final class TimelineAsOf {

    /** Update id to the public note of its erasure, for every update of the timeline ever erased. */
    private final Map<String, String> erasures;

    private String timelineId;
    private String title;
    private String timeZone;
    private String summary;
    private Instant openedAt;
    private Instant updatedAt;
    private Instant closedAt;
    private long lastSequence = -1;
    private String pinned;
    private final Map<String, UpdateView> updates = new LinkedHashMap<>();

    TimelineAsOf() {
        this(Map.of());
    }

    TimelineAsOf(Map<String, String> erasures) {
        this.erasures = erasures;
    }

    void apply(EventEnvelope event) {
        TimelineEvent payload = event.payload();
        Instant at = event.occurredAt();
        if (holdsWords(payload) && erasures.containsKey(((UpdateEvent) payload).updateId())) {
            erased(((UpdateEvent) payload).updateId(), event.sequence(), at);
            updatedAt = at;
            lastSequence = event.sequence();
            return;
        }
        if (payload instanceof TimelineOpened opened) {
            timelineId = opened.timelineId();
            title = opened.title();
            summary = opened.summary();
            timeZone = opened.timeZone();
            openedAt = at;
        } else if (payload instanceof TimelineRetitled retitled) {
            title = retitled.title();
            summary = retitled.summary();
            if (retitled.timeZone() != null) {
                timeZone = retitled.timeZone();
            }
        } else if (payload instanceof TimelineClosed) {
            closedAt = at;
        } else if (payload instanceof TimelineReopened) {
            closedAt = null;
        } else if (payload instanceof UpdatePosted posted) {
            updates.put(posted.updateId(), new UpdateView(posted.updateId(), event.sequence(),
                    posted.publishedAt(at), null, 1,
                    UpdateView.Status.LIVE, false, posted.content().keyEvent(), posted.content().headline(),
                    posted.content().blocks(), posted.creditedTo(event.actor()), null, null));
        } else if (payload instanceof UpdateEdited edited) {
            UpdateView before = updates.get(edited.updateId());
            updates.put(edited.updateId(), new UpdateView(before.id(), before.sequence(), before.postedAt(), at,
                    edited.revision(), UpdateView.Status.LIVE, false, edited.content().keyEvent(),
                    edited.content().headline(), edited.content().blocks(), before.byline(),
                    new UpdateView.LastChange(edited.change().kind().name(), edited.change().note(), at), null));
        } else if (payload instanceof UpdateRetracted retracted) {
            UpdateView before = updates.get(retracted.updateId());
            updates.put(retracted.updateId(), new UpdateView(before.id(), before.sequence(), before.postedAt(), at,
                    retracted.revision(), UpdateView.Status.RETRACTED, false, false, null, null, null, null,
                    new UpdateView.Retraction(retracted.publicNote(), at)));
        } else if (payload instanceof UpdatePinned pin) {
            pinned = pin.updateId();
        } else if (payload instanceof UpdateUnpinned) {
            pinned = null;
        }
        updatedAt = at;
        lastSequence = event.sequence();
    }

    private static boolean holdsWords(TimelineEvent payload) {
        return payload instanceof UpdatePosted || payload instanceof UpdateEdited
                || payload instanceof UpdateRetracted || payload instanceof UpdateErased;
    }

    private void erased(String updateId, long sequence, Instant at) {
        UpdateView before = updates.get(updateId);
        updates.put(updateId, new UpdateView(updateId, before == null ? sequence : before.sequence(),
                before == null ? at : before.postedAt(), before == null ? null : at,
                before == null ? 1 : before.revision() + 1, UpdateView.Status.ERASED, false, false, null, null, null,
                null, new UpdateView.Retraction(erasures.get(updateId), at)));
    }

    boolean existed() {
        return timelineId != null;
    }

    Instant lastChange() {
        return updatedAt;
    }

    /** Every update, newest first, the pinned one leading. */
    TimelinePage page() {
        List<UpdateView> ordered = updates.values().stream()
                .map(update -> update.id().equals(pinned) ? pinned(update) : update)
                .sorted(Comparator.comparing(UpdateView::pinned).reversed()
                        .thenComparing(Comparator.comparingLong(UpdateView::sequence).reversed()))
                .toList();
        return new TimelinePage(timelineId, title, summary,
                closedAt == null ? TimelinePage.Status.OPEN : TimelinePage.Status.CLOSED,
                openedAt, updatedAt, closedAt, lastSequence, ordered, null, timeZone);
    }

    /**
     * One page of it, cut as the readers' pages are: newest first, up to {@code limit} updates posted before sequence
     * {@code before} (none: from the newest), the pinned update ahead of the first page only; {@code next} is the
     * {@code before} of the page that follows, null on the last.
     */
    TimelinePage page(Long before, int limit) {
        List<UpdateView> newestFirst = updates.values().stream()
                .filter(update -> !update.id().equals(pinned))
                .filter(update -> before == null || update.sequence() < before)
                .sorted(Comparator.comparingLong(UpdateView::sequence).reversed())
                .limit(limit + 1L)
                .toList();
        PageCut<UpdateView> cut = PageCut.of(newestFirst, limit, UpdateView::sequence);
        List<UpdateView> page = new ArrayList<>(limit + 1);
        if (before == null && pinned != null) {
            page.add(pinned(updates.get(pinned)));
        }
        page.addAll(cut.items());
        return new TimelinePage(timelineId, title, summary,
                closedAt == null ? TimelinePage.Status.OPEN : TimelinePage.Status.CLOSED,
                openedAt, updatedAt, closedAt, lastSequence, page, cut.next(), timeZone);
    }

    private static UpdateView pinned(UpdateView u) {
        return new UpdateView(u.id(), u.sequence(), u.postedAt(), u.modifiedAt(), u.revision(), u.status(), true,
                u.keyEvent(), u.headline(), u.blocks(), u.byline(), u.lastChange(), u.retraction());
    }
}
