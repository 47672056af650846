package news.timeline.command.timeline;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import news.timeline.command.EventMetadata;
import news.timeline.events.DraftEdited;
import news.timeline.events.DraftEvent;
import news.timeline.events.DraftFiled;
import news.timeline.events.DraftPublished;
import news.timeline.events.DraftRejected;
import news.timeline.events.DraftScheduleCancelled;
import news.timeline.events.DraftScheduled;
import news.timeline.events.ErasureRequested;
import news.timeline.events.TimelineClosed;
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
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;
import static org.axonframework.modelling.command.AggregateLifecycle.isLive;

/**
 * One live story and the rules its editors work by. Its event sequence (Axon's, from 0) is the order every
 * consumer sees; the result of each command carries the sequence of the last event it stored. It holds what
 * concerns the whole story; each update's revision and status are asked of the {@link UpdateRegister} for the
 * update a command names, so that the aggregate, its snapshot and its loading cost as much at the ten thousandth
 * update as at the first.
 */
@Aggregate(snapshotTriggerDefinition = "timelineSnapshotTrigger", cache = "timelineCache")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE, isGetterVisibility = JsonAutoDetect.Visibility.NONE)
class Timeline {

    @AggregateIdentifier
    private String timelineId;
    private String pinnedUpdateId;
    private boolean closed;
    @AggregateMember
    private HashChain chain = new HashChain();

    Timeline() {
        // for event sourcing and snapshots
    }

    @CommandHandler
    Timeline(OpenTimeline command) {
        ContentPolicy.checkTimeline(command.title(), command.summary(), command.timeZone());
        chain.append(new TimelineOpened(command.timelineId(), command.title().strip(), summary(command.summary()),
                command.timeZone()));
    }

    @CommandHandler
    CommandResult handle(RetitleTimeline command) {
        ContentPolicy.checkTimeline(command.title(), command.summary(), command.timeZone());
        chain.append(new TimelineRetitled(timelineId, command.title().strip(), summary(command.summary()),
                command.timeZone()));
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
    CommandResult handle(PostUpdate command, @MetaDataValue(EventMetadata.ACTOR) String actor,
                         UpdateRegister register) {
        if (closed) {
            throw new TimelineClosedException(timelineId);
        }
        if (register.find(timelineId, command.updateId()).isPresent()) {
            throw new DuplicateUpdateException(command.updateId());
        }
        ContentPolicy.check(command.content());
        ContentPolicy.checkByline(command.byline());
        String byline = command.byline() != null ? command.byline().strip() : actor;
        chain.append(new UpdatePosted(timelineId, command.updateId(), command.content(), byline));
        return result(command.updateId(), 1);
    }

    /**
     * Updates moved in from another system, each with the time it was first published there, in one transaction:
     * one breaking a rule refuses them all. One brought in already (the same id) is left as it is.
     */
    @CommandHandler
    ImportResult handle(ImportUpdates command, UpdateRegister register) {
        if (closed) {
            throw new TimelineClosedException(timelineId);
        }
        List<ImportUpdates.Imported> fresh = command.updates().stream()
                .filter(update -> register.find(timelineId, update.updateId()).isEmpty()).toList();
        for (ImportUpdates.Imported update : fresh) {
            ContentPolicy.check(update.content());
            ContentPolicy.checkByline(update.byline());
        }
        for (ImportUpdates.Imported update : fresh) {
            chain.append(new UpdatePosted(timelineId, update.updateId(), update.content(),
                    update.byline() == null ? null : update.byline().strip(), update.publishedAt()));
        }
        return new ImportResult(timelineId, fresh.size(), command.updates().size() - fresh.size(), getVersion());
    }

    @CommandHandler
    CommandResult handle(EditUpdate command, UpdateRegister register) {
        int revision = existing(register, command.updateId()).nextRevision(command.basedOnRevision());
        ContentPolicy.check(command.content());
        ContentPolicy.check(command.change());
        chain.append(new UpdateEdited(timelineId, command.updateId(), revision, command.content(), command.change()));
        return result(command.updateId(), revision);
    }

    @CommandHandler
    CommandResult handle(RetractUpdate command, UpdateRegister register) {
        int revision = existing(register, command.updateId()).nextRevision(command.basedOnRevision());
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
    CommandResult handle(PinUpdate command, UpdateRegister register) {
        existing(register, command.updateId()).checkLive();
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

    /** One legal officer asks; nothing is erased until another approves (see {@link ApproveErasure}). */
    @CommandHandler
    ErasureResult handle(RequestErasure command, UpdateRegister register, ErasureRegister erasures) {
        existing(register, command.updateId()).checkNotErased();
        erasures.checkNonePending(timelineId, command.updateId());
        ContentPolicy.checkErasure(command.reason(), command.legalReference(), command.publicNote());
        chain.append(new ErasureRequested(timelineId, command.updateId(), command.erasureId(),
                command.reason().strip(), command.legalReference().strip(), command.publicNote().strip()));
        return new ErasureResult(timelineId, command.erasureId(), command.updateId(), "REQUESTED", getVersion());
    }

    /**
     * A second person approves: the update's words are erased, the events that held them named with their hashes
     * (read from the timeline's stored events, from its first) so that the chain still proves itself without them.
     */
    @CommandHandler
    ErasureResult handle(ApproveErasure command, @MetaDataValue(EventMetadata.ACTOR) String actor,
                         ErasureRegister erasures, EventStore events) {
        PendingErasure erasure = erasures.pending(timelineId, command.erasureId());
        erasure.checkApprover(actor);
        if (erasure.updateId().equals(pinnedUpdateId)) {
            chain.append(new UpdateUnpinned(timelineId, pinnedUpdateId));
        }
        chain.append(new UpdateErased(timelineId, erasure.updateId(), erasure.erasureId(), erasure.requestedBy(),
                erasure.reason(), erasure.legalReference(), erasure.publicNote(),
                ErasedEvents.of(events.readEvents(timelineId, 0), erasure.updateId())));
        return new ErasureResult(timelineId, erasure.erasureId(), erasure.updateId(), "APPROVED", getVersion());
    }

    @CommandHandler
    DraftResult handle(FileDraft command) {
        if (closed) {
            throw new TimelineClosedException(timelineId);
        }
        ContentPolicy.check(command.content());
        ContentPolicy.checkByline(command.byline());
        chain.append(new DraftFiled(timelineId, command.draftId(), command.content(), byline(command.byline())));
        return draftResult(command.draftId(), 1, null);
    }

    @CommandHandler
    DraftResult handle(EditDraft command, @MetaDataValue(EventMetadata.ACTOR) String actor, DraftRegister drafts) {
        int revision = existing(drafts, command.draftId())
                .nextRevision(command.basedOnRevision(), actor, command.byEditor());
        ContentPolicy.check(command.content());
        ContentPolicy.checkByline(command.byline());
        chain.append(new DraftEdited(timelineId, command.draftId(), revision, command.content(),
                byline(command.byline())));
        return draftResult(command.draftId(), revision, null);
    }

    /** Rejecting a draft that was sent back already changes nothing and stores nothing. */
    @CommandHandler
    DraftResult handle(RejectDraft command, DraftRegister drafts) {
        DraftState draft = existing(drafts, command.draftId());
        draft.checkUnchangeable();
        ContentPolicy.checkRejection(command.note());
        if (draft.status() != DraftState.Status.REJECTED) {
            chain.append(new DraftRejected(timelineId, command.draftId(), command.note().strip()));
        }
        return draftResult(command.draftId(), draft.revision(), null);
    }

    /**
     * Now, the draft goes out as a new update, in the same transaction: both events or neither (a schedule it had is
     * cancelled). At a later time, it is scheduled: a deadline in the event store's database, which one instance
     * runs when it is due, even after a restart.
     */
    @CommandHandler
    DraftResult handle(PublishDraft command, MetaData metaData, DraftRegister drafts, UpdateRegister updates,
                       DeadlineManager deadlines) {
        if (closed) {
            throw new TimelineClosedException(timelineId);
        }
        DraftState draft = existing(drafts, command.draftId());
        draft.checkUnpublished();
        if (command.basedOnRevision() != null) {
            draft.checkRevision(command.basedOnRevision());
        }
        if (updates.find(timelineId, command.updateId()).isPresent()) {
            throw new DuplicateUpdateException(command.updateId());
        }
        Instant publishAt = command.at() != null && command.at().isAfter(Instant.now()) ? command.at() : null;
        if (publishAt != null) {
            if (draft.status() == DraftState.Status.SCHEDULED) {
                throw new DraftScheduledException(command.draftId());
            }
            chain.append(new DraftScheduled(timelineId, command.draftId(), draft.revision(), publishAt,
                    command.updateId()));
            // the deadline keeps who scheduled it (and the request's trace), for the events it will cause
            deadlines.schedule(publishAt, publication(command.draftId()), new GenericMessage<>(
                    new PublicationDue(command.draftId(), draft.revision(), command.updateId()),
                    metaData.subset(EventMetadata.ACTOR, EventMetadata.TRACEPARENT)));
        } else {
            if (draft.status() == DraftState.Status.SCHEDULED) {
                deadlines.cancelAllWithinScope(publication(command.draftId()));
            }
            publish(draft, command.updateId());
        }
        return new DraftResult(timelineId, command.draftId(), draft.revision(), command.updateId(), publishAt,
                getVersion());
    }

    /** Cancelling when nothing is scheduled changes nothing and stores nothing. */
    @CommandHandler
    DraftResult handle(CancelDraftSchedule command, DraftRegister drafts, DeadlineManager deadlines) {
        DraftState draft = existing(drafts, command.draftId());
        if (draft.status() == DraftState.Status.SCHEDULED) {
            deadlines.cancelAllWithinScope(publication(command.draftId()));
            chain.append(new DraftScheduleCancelled(timelineId, command.draftId(), "cancelled"));
        }
        return draftResult(command.draftId(), draft.revision(), null);
    }

    /**
     * A scheduled publication that is due: the draft goes out as scheduled, once. A deadline run again (its instance
     * died after storing the events) or cancelled in the meantime finds the draft no longer scheduled as it was,
     * and does nothing; on a timeline closed meanwhile, the schedule lapses.
     */
    @DeadlineHandler
    void on(PublicationDue due, DraftRegister drafts) {
        DraftState draft = existing(drafts, due.draftId());
        if (draft.status() != DraftState.Status.SCHEDULED || draft.revision() != due.revision()
                || !due.updateId().equals(draft.scheduledUpdateId())) {
            return;
        }
        if (closed) {
            chain.append(new DraftScheduleCancelled(timelineId, due.draftId(), "the timeline was closed"));
        } else {
            publish(draft, due.updateId());
        }
    }

    private void publish(DraftState draft, String updateId) {
        chain.append(new DraftPublished(timelineId, draft.draftId(), draft.revision(), updateId));
        chain.append(new UpdatePosted(timelineId, updateId, draft.content(), draft.creditedTo()));
    }

    /** Each draft's schedule is a deadline of its own name, so that it can be cancelled alone. */
    private static String publication(String draftId) {
        return "publish-draft-" + draftId;
    }

    private static String byline(String byline) {
        return byline == null ? null : byline.strip();
    }

    private DraftState existing(DraftRegister drafts, String draftId) {
        return drafts.find(timelineId, draftId).orElseThrow(() -> new UnknownDraftException(timelineId, draftId));
    }

    private DraftResult draftResult(String draftId, int revision, String updateId) {
        return new DraftResult(timelineId, draftId, revision, updateId, null, getVersion());
    }

    private static String summary(String summary) {
        return summary == null ? "" : summary.strip();
    }

    private UpdateState existing(UpdateRegister register, String updateId) {
        return register.find(timelineId, updateId).orElseThrow(() -> new UnknownUpdateException(timelineId, updateId));
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

    /**
     * An update event this timeline applies (not one it is loaded from) goes into the register once its command has
     * succeeded, before the next command of its batch is handled.
     */
    @EventSourcingHandler
    void on(UpdateEvent event, @MetaDataValue(EventMetadata.ACTOR) String actor, @Timestamp Instant at,
            UpdateRegister register, ErasureRegister erasures, DraftRegister drafts) {
        if (isLive()) {
            CurrentUnitOfWork.get().onPrepareCommit(unitOfWork -> {
                register.record(event);
                erasures.record(event, actor, at);
                drafts.record(event, actor, at);
            });
        }
    }

    /** As update events: a draft event this timeline applies goes into the draft register once its command succeeded. */
    @EventSourcingHandler
    void on(DraftEvent event, @MetaDataValue(EventMetadata.ACTOR) String actor, @Timestamp Instant at,
            DraftRegister drafts) {
        if (isLive()) {
            CurrentUnitOfWork.get().onPrepareCommit(unitOfWork -> drafts.record(event, actor, at));
        }
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
