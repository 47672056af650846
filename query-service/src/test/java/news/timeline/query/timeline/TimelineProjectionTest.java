package news.timeline.query.timeline;

import news.timeline.events.EventEnvelope;
import news.timeline.events.TimelineClosed;
import news.timeline.events.TimelineReopened;
import news.timeline.events.UpdateUnpinned;
import news.timeline.query.ProjectionDatabase;
import news.timeline.query.TimelineEvents;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The reader projection's rules, applied straight to a database: no broker, no service. */
class TimelineProjectionTest {

    private final ProjectionDatabase database = ProjectionDatabase.h2();

    @Test
    void aRetractedUpdateKeepsNoWordsForReadersOnlyItsPublicNote() {
        List<EventEnvelope> events = new TimelineEvents("t1")
                .postBy("u1", "Unverified quote", "Ukip could hold the balance of power.", "Staff reporter")
                .retract("u1", 2, "Source withdrew", "This update was withdrawn.")
                .all();
        database.apply(events.subList(0, 2)).apply(events.subList(2, 3));

        Map<String, Object> row = database.jdbc().queryForMap("SELECT * FROM timeline_update");
        assertThat(row).containsEntry("STATUS", "RETRACTED").containsEntry("REVISION", 2)
                .containsEntry("HEADLINE", null).containsEntry("BLOCKS", null).containsEntry("BYLINE", null)
                .containsEntry("KEY_EVENT", false).containsEntry("PUBLIC_NOTE", "This update was withdrawn.");
        assertThat(row.toString()).doesNotContain("balance of power").doesNotContain("Source withdrew");
    }

    @Test
    void aPostCorrectedInTheBatchThatBroughtItIsStoredAsItEndsUp() {
        database.apply(new TimelineEvents("t1")
                .post("u1", "Media scrum", "Douglas Carwswell in the scrum")
                .correct("u1", 2, "Media scrum", "Douglas Carswell in the scrum", "Spelling of Carswell")
                .all());

        UpdateView update = database.reader().update("t1", "u1").orElseThrow();
        assertThat(update.revision()).isEqualTo(2);
        assertThat(update.blocks().toString()).contains("Carswell").doesNotContain("Carwswell");
        assertThat(update.lastChange().note()).isEqualTo("Spelling of Carswell");
        assertThat(update.modifiedAt()).isAfter(update.postedAt());
    }

    @Test
    void aClosedTimelineReopenedIsOpenWithNoEndAndItsPinCanBeTakenDown() {
        List<EventEnvelope> events = new TimelineEvents("t1")
                .post("u1", "Polls open", "Polling stations open at 7am.")
                .pin("u1")
                .add(new TimelineClosed("t1"))
                .add(new TimelineReopened("t1"))
                .add(new UpdateUnpinned("t1", "u1"))
                .all();
        database.apply(events.subList(0, 4));
        TimelinePage closed = database.reader().page("t1", null, 10).orElseThrow();
        assertThat(closed.status()).isEqualTo(TimelinePage.Status.CLOSED);
        assertThat(closed.closedAt()).isEqualTo(events.get(3).occurredAt());
        assertThat(closed.updates().get(0).pinned()).isTrue();

        database.apply(events.subList(4, 6));
        TimelinePage reopened = database.reader().page("t1", null, 10).orElseThrow();
        assertThat(reopened.status()).isEqualTo(TimelinePage.Status.OPEN);
        assertThat(reopened.closedAt()).isNull();
        assertThat(reopened.updates().get(0).pinned()).isFalse();
    }
}
