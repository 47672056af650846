package news.timeline.command.eventstore;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.SnapshotTrigger;
import org.axonframework.eventsourcing.Snapshotter;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GrowingSnapshotTriggerDefinitionTest {

    /** The sequences of the events after which a snapshot was asked for. */
    private final List<Long> snapshotsAfter = new ArrayList<>();
    private long handling;
    private final Snapshotter snapshotter = (type, id) -> snapshotsAfter.add(handling);

    @Test
    void aShortStoryIsSnapshottedEveryMinimumNumberOfEvents() {
        handle(new GrowingSnapshotTriggerDefinition(snapshotter, 250, 10).prepareTrigger(Object.class), 0, 1000);

        assertThat(snapshotsAfter).containsExactly(249L, 499L, 749L, 999L);
    }

    @Test
    void aLongStoryIsSnapshottedAfterATenthOfItsEventsSoThatEachEventCostsTheSame() {
        handle(new GrowingSnapshotTriggerDefinition(snapshotter, 250, 10).prepareTrigger(Object.class), 0, 100_000);

        for (int i = 1; i < snapshotsAfter.size(); i++) {
            long previous = snapshotsAfter.get(i - 1);
            long gap = snapshotsAfter.get(i) - previous;
            assertThat(gap).isGreaterThanOrEqualTo(Math.max(250, (previous + 1) / 10));
            assertThat(gap).isLessThanOrEqualTo(Math.max(250, (previous + gap + 1) / 10));
        }
        // ten up to 2,500 events, then each a ninth further on: 45, where a fixed 250 took 400 ever longer ones
        assertThat(snapshotsAfter).hasSize(45);
    }

    @Test
    void aStoryLoadedFromItsSnapshotCountsOnFromThere() {
        SnapshotTrigger loaded = new GrowingSnapshotTriggerDefinition(snapshotter, 250, 10).prepareTrigger(Object.class);
        handle(loaded, 50_000, 60_000);

        // some 5,555 events later: a tenth of the 55,555 the stream then holds
        assertThat(snapshotsAfter).first().isEqualTo(55_554L);
    }

    private void handle(SnapshotTrigger trigger, long from, long to) {
        for (handling = from; handling < to; handling++) {
            trigger.eventHandled(new GenericDomainEventMessage<>("Timeline", "t", handling, "event"));
        }
    }
}
