package news.timeline.command.eventstore;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.AbstractSnapshotTrigger;
import org.axonframework.eventsourcing.SnapshotTrigger;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;

/**
 * A snapshot after {@code minimum} events, or after a {@code 1/share} part of the aggregate's whole stream, whichever
 * is more. A snapshot holds the whole timeline, so taking one every fixed number of events costs more the longer
 * the story; spaced in proportion, snapshots cost the same per event however long the story, and loading one from
 * its snapshot still replays at most a {@code 1/share} part of its events after it.
 */
public final class GrowingSnapshotTriggerDefinition implements SnapshotTriggerDefinition {

    private final Snapshotter snapshotter;
    private final int minimum;
    private final int share;

    public GrowingSnapshotTriggerDefinition(Snapshotter snapshotter, int minimum, int share) {
        this.snapshotter = snapshotter;
        this.minimum = minimum;
        this.share = share;
    }

    @Override
    public SnapshotTrigger prepareTrigger(Class<?> aggregateType) {
        return new GrowingSnapshotTrigger(snapshotter, aggregateType, minimum, share);
    }

    @Override
    public SnapshotTrigger reconfigure(Class<?> aggregateType, SnapshotTrigger trigger) {
        if (trigger instanceof GrowingSnapshotTrigger growing) {
            growing.setSnapshotter(snapshotter);
            return growing;
        }
        return prepareTrigger(aggregateType);
    }

    private static final class GrowingSnapshotTrigger extends AbstractSnapshotTrigger {

        private static final long serialVersionUID = 1L;

        private final int minimum;
        private final int share;
        private long eventsSinceSnapshot;
        /** The sequence of the event being handled: the stream's length, less one. */
        private long sequence;

        private GrowingSnapshotTrigger(Snapshotter snapshotter, Class<?> aggregateType, int minimum, int share) {
            super(snapshotter, aggregateType);
            this.minimum = minimum;
            this.share = share;
        }

        @Override
        public void eventHandled(EventMessage<?> message) {
            if (message instanceof DomainEventMessage<?> event) {
                sequence = event.getSequenceNumber();
            }
            super.eventHandled(message);
        }

        @Override
        protected boolean exceedsThreshold() {
            return ++eventsSinceSnapshot >= Math.max(minimum, (sequence + 1) / share);
        }

        @Override
        protected void reset() {
            eventsSinceSnapshot = 0;
        }
    }
}
