package news.timeline.query.audit;

import news.timeline.query.ProjectionDatabase;
import news.timeline.query.TimelineEvents;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The auditors' list of a timeline's updates comes a page at a time, newest first, every update once. */
class AuditOverviewTest {

    private final ProjectionDatabase database = ProjectionDatabase.h2();
    private final AuditOverview overview = new AuditOverview(database.jdbc());

    @Test
    void pagesFollowOneAnotherUntilTheFirstUpdate() {
        String timelineId = "t-" + UUID.randomUUID();
        TimelineEvents events = new TimelineEvents(timelineId);
        for (int n = 0; n < 25; n++) {
            events.post("u" + n, "Update " + n, "Text " + n);
        }
        database.apply(events.correct("u3", 2, "Update 3", "Text 3, corrected", "fixed").all());
        database.apply(new TimelineEvents("t-" + UUID.randomUUID()).post("elsewhere", "Other", "Other").all());

        List<String> listed = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        Long before = null;
        do {
            AuditOverview.Timeline page = overview.of(timelineId, before, 10);
            page.updates().forEach(update -> listed.add(update.id()));
            pageSizes.add(page.updates().size());
            before = page.next();
        } while (before != null);

        assertThat(pageSizes).containsExactly(10, 10, 5);
        assertThat(listed).hasSize(25).doesNotHaveDuplicates().startsWith("u24", "u23").endsWith("u1", "u0")
                .doesNotContain("elsewhere");
        assertThat(overview.of(timelineId, null, 100).updates()).filteredOn(update -> update.id().equals("u3"))
                .singleElement().extracting(AuditOverview.Update::revisions).isEqualTo(2);
    }
}
