package news.timeline.command.timeline;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import news.timeline.command.EventMetadata;
import news.timeline.events.TimelineClosed;
import news.timeline.events.TimelineOpened;
import news.timeline.events.TimelineReopened;
import news.timeline.events.TimelineRetitled;
import news.timeline.events.UpdateEdited;
import news.timeline.events.UpdatePinned;
import news.timeline.events.UpdatePosted;
import news.timeline.events.UpdateRetracted;
import news.timeline.events.UpdateUnpinned;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.HashMap;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

/**
 * One live story and the rules its editors work by. Its event sequence (Axon's, from 0) is the order every
 * consumer sees; the result of each command carries the sequence of the last event it stored.
 */
@Aggregate(snapshotTriggerDefinition = "timelineSnapshotTrigger", cache = "timelineCache")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE, isGetterVisibility = JsonAutoDetect.Visibility.NONE)
class Timeline {

    @AggregateIdentifier
    private String timelineId;
    /**
     * Not an {@code @AggregateMember}: Axon would forward each event by testing every update of the story for a
     * match (thousands on a long night, for every event applied and every one sourced); an update's events are
     * handed to it here, by its id.
     */
    private Map<String, Update> updates = new HashMap<>();
    private String pinnedUpdateId;
    private boolean closed;
    @AggregateMember
    private HashChain chain = new HashChain();

    Timeline() {
        // for event sourcing and snapshots
    }

    @CommandHandler
    Timeline(OpenTimeline command) {
        ContentPolicy.checkTimeline(command.title(), command.summary());
        chain.append(new TimelineOpened(command.timelineId(), command.title().strip(), summary(command.summary())));
    }

    @CommandHandler
    CommandResult handle(RetitleTimeline command) {
        ContentPolicy.checkTimeline(command.title(), command.summary());
        chain.append(new TimelineRetitled(timelineId, command.title().strip(), summary(command.summary())));
        return result(null, null);
    }

    /** Closing a closed timeline changes nothing and stores nothing; so does reopening an open one. */
    @CommandHandler
    CommandResult handle(CloseTimeline command) {
        if (!closed) {
            chain.append(new TimelineClosed(timelineId));
        }
        return result(null, null);
    }

    @CommandHandler
    CommandResult handle(ReopenTimeline command) {
        if (closed) {
            chain.append(new TimelineReopened(timelineId));
        }
        return result(null, null);
    }

    @CommandHandler
    CommandResult handle(PostUpdate command, @MetaDataValue(EventMetadata.ACTOR) String actor) {
        if (closed) {
            throw new TimelineClosedException(timelineId);
        }
        if (updates.containsKey(command.updateId())) {
            throw new DuplicateUpdateException(command.updateId());
        }
        ContentPolicy.check(command.content());
        ContentPolicy.checkByline(command.byline());
        String byline = command.byline() != null ? command.byline().strip() : actor;
        chain.append(new UpdatePosted(timelineId, command.updateId(), command.content(), byline));
        return result(command.updateId(), 1);
    }

    @CommandHandler
    CommandResult handle(EditUpdate command) {
        int revision = existing(command.updateId()).nextRevision(command.basedOnRevision());
        ContentPolicy.check(command.content());
        ContentPolicy.check(command.change());
        chain.append(new UpdateEdited(timelineId, command.updateId(), revision, command.content(), command.change()));
        return result(command.updateId(), revision);
    }

    @CommandHandler
    CommandResult handle(RetractUpdate command) {
        int revision = existing(command.updateId()).nextRevision(command.basedOnRevision());
        ContentPolicy.checkRetraction(command.reason(), command.publicNote());
        if (command.updateId().equals(pinnedUpdateId)) {
            chain.append(new UpdateUnpinned(timelineId, pinnedUpdateId));
        }
        chain.append(new UpdateRetracted(timelineId, command.updateId(), revision,
                command.reason().strip(), command.publicNote().strip()));
        return result(command.updateId(), revision);
    }

    /** Pinning the update that is already pinned changes nothing and stores nothing. */
    @CommandHandler
    CommandResult handle(PinUpdate command) {
        existing(command.updateId()).checkLive();
        if (!command.updateId().equals(pinnedUpdateId)) {
            if (pinnedUpdateId != null) {
                chain.append(new UpdateUnpinned(timelineId, pinnedUpdateId));
            }
            chain.append(new UpdatePinned(timelineId, command.updateId()));
        }
        return result(command.updateId(), null);
    }

    /** Unpinning when nothing is pinned changes nothing and stores nothing. */
    @CommandHandler
    CommandResult handle(UnpinUpdate command) {
        String unpinned = pinnedUpdateId;
        if (unpinned != null) {
            chain.append(new UpdateUnpinned(timelineId, unpinned));
        }
        return result(unpinned, null);
    }

    private static String summary(String summary) {
        return summary == null ? "" : summary.strip();
    }

    private Update existing(String updateId) {
        Update update = updates.get(updateId);
        if (update == null) {
            throw new UnknownUpdateException(timelineId, updateId);
        }
        return update;
    }

    private CommandResult result(String updateId, Integer revision) {
        return new CommandResult(timelineId, updateId, revision, getVersion());
    }

    @EventSourcingHandler
    void on(TimelineOpened event) {
        timelineId = event.timelineId();
    }

    @EventSourcingHandler
    void on(TimelineClosed event) {
        closed = true;
    }

    @EventSourcingHandler
    void on(TimelineReopened event) {
        closed = false;
    }

    @EventSourcingHandler
    void on(UpdatePosted event) {
        updates.put(event.updateId(), new Update(event.updateId()));
    }

    @EventSourcingHandler
    void on(UpdateEdited event) {
        updates.get(event.updateId()).edited(event.revision());
    }

    @EventSourcingHandler
    void on(UpdateRetracted event) {
        updates.get(event.updateId()).retracted(event.revision());
    }

    @EventSourcingHandler
    void on(UpdatePinned event) {
        pinnedUpdateId = event.updateId();
    }

    @EventSourcingHandler
    void on(UpdateUnpinned event) {
        pinnedUpdateId = null;
    }
}
