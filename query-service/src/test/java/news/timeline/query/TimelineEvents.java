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
        events.add(EventEnvelope.of(UUID.randomUUID().toString(), events.size(), clock, "editor", event));
        return this;
    }

    public List<EventEnvelope> all() {
        return List.copyOf(events);
    }
}
