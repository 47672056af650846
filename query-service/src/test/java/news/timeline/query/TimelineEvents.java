package news.timeline.query;

import news.timeline.events.Block;
import news.timeline.events.Change;
import news.timeline.events.ChangeKind;
import news.timeline.events.Content;
import news.timeline.events.EventEnvelope;
import news.timeline.events.TimelineEvent;
import news.timeline.events.TimelineOpened;
import news.timeline.events.UpdateEdited;
import news.timeline.events.UpdatePinned;
import news.timeline.events.UpdatePosted;
import news.timeline.events.UpdateRetracted;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Builds one timeline's events as the command side would, numbered from 0. */
public final class TimelineEvents {

    private final String timelineId;
    private final List<EventEnvelope> events = new ArrayList<>();
    private Instant clock = Instant.parse("2014-10-10T08:00:00Z");

    public TimelineEvents(String timelineId) {
        this.timelineId = timelineId;
        add(new TimelineOpened(timelineId, "Ukip by-elections", "Live updates"));
    }

    public static Content content(String headline, String text) {
        return new Content(headline, List.of(new Block.Paragraph(text)), false);
    }

    public TimelineEvents post(String updateId, String headline, String text) {
        return add(new UpdatePosted(timelineId, updateId, content(headline, text)));
    }

    /** A post as version 1 of UpdatePosted wrote it: no byline. */
    public TimelineEvents postVersion1(String updateId, String headline, String text) {
        post(updateId, headline, text);
        events.set(events.size() - 1, events.get(events.size() - 1).writtenAt(1));
        return this;
    }

    public TimelineEvents postBy(String updateId, String headline, String text, String byline) {
        return add(new UpdatePosted(timelineId, updateId, content(headline, text), byline));
    }

    public TimelineEvents correct(String updateId, int revision, String headline, String text, String note) {
        return add(new UpdateEdited(timelineId, updateId, revision, content(headline, text),
                new Change(ChangeKind.CORRECTION, note)));
    }

    public TimelineEvents retract(String updateId, int revision, String reason, String publicNote) {
        return add(new UpdateRetracted(timelineId, updateId, revision, reason, publicNote));
    }

    public TimelineEvents pin(String updateId) {
        return add(new UpdatePinned(timelineId, updateId));
    }

    public TimelineEvents add(TimelineEvent event) {
        clock = clock.plusSeconds(60);
        String previousHash = events.isEmpty() ? null : events.get(events.size() - 1).hash();
        events.add(EventEnvelope.of(UUID.randomUUID().toString(), events.size(), clock, "editor", event)
                .chainedTo(previousHash));
        return this;
    }

    public List<EventEnvelope> all() {
        return List.copyOf(events);
    }
}
